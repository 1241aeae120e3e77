package io.complaintflow.intake.batch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a regulator batch. The header row names them in English (the intake API's field names) or in
 * Chinese as the 12315 platform's export does; columns not listed here are ignored.
 */
enum ImportColumn {
    CHANNEL("channel", "渠道"),
    EXTERNAL_REF("externalRef", "监管编号", "投诉编号", "工单编号"),
    REGULATOR("regulator", "监管机构"),
    REGULATOR_DEADLINE("regulatorDeadline", "办结期限", "处理时限", "答复期限"),
    NAME("customerName", "投诉人", "姓名"),
    PHONE("customerPhone", "联系电话", "电话"),
    EMAIL("customerEmail", "电子邮箱", "邮箱"),
    CUSTOMER_ID("customerId", "客户编号"),
    CATEGORY("category", "投诉类别", "类别"),
    PRODUCT("product", "产品", "商品或服务"),
    SUBJECT("subject", "主题", "投诉标题"),
    DESCRIPTION("description", "投诉内容", "诉求内容"),
    AMOUNT("amountClaimed", "涉及金额", "诉求金额"),
    OCCURRED_AT("occurredAt", "发生时间");

    private final List<String> names;

    ImportColumn(String... names) {
        this.names = Arrays.stream(names).map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    static Optional<ImportColumn> of(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.names.contains(h)).findFirst();
    }

    String apiName() {
        return names.get(0);
    }
}
