package io.complaintflow.intake.batch;

import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.ComplaintRequestValidator;
import io.complaintflow.intake.IntakeResult;
import io.complaintflow.intake.IntakeService;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Imports a regulator's batch row by row through intake: every row is validated exactly as {@code POST
 * /api/complaints} validates, each good row is accepted in its own transaction (with the regulator's deadline), a
 * bad row is reported and stores nothing. A row whose channel + reference is already known returns the existing
 * complaint, so importing the same file again creates nothing twice.
 */
@Service
public class ComplaintImport {

    static final int MAX_ROWS = 5000;
    private static final String DEFAULT_CHANNEL = "regulator";

    private final IntakeService intake;
    private final ComplaintRequestValidator validator;

    public ComplaintImport(IntakeService intake, ComplaintRequestValidator validator) {
        this.intake = intake;
        this.validator = validator;
    }

    public ImportReport run(byte[] file, String actor) {
        if (file == null || file.length == 0) {
            throw invalid("file", "文件为空");
        }
        CsvText.Decoded decoded = CsvText.decode(file);
        if (decoded == null) {
            throw invalid("file", "无法识别文件编码，请以 UTF-8 或 GBK 保存为 CSV");
        }
        List<CsvText.Line> lines = CsvText.parse(decoded.text());
        if (lines == null) {
            throw invalid("file", "CSV 格式不正确：引号未闭合");
        }
        if (lines.isEmpty()) {
            throw invalid("file", "文件为空");
        }
        Map<ImportColumn, Integer> index = new EnumMap<>(ImportColumn.class);
        Map<ImportColumn, String> headers = new EnumMap<>(ImportColumn.class);
        List<String> header = lines.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            int column = i;
            String name = header.get(i).replace("\uFEFF", "");
            ImportColumn.of(name).ifPresent(c -> {
                index.putIfAbsent(c, column);
                headers.putIfAbsent(c, name.strip());
            });
        }
        if (!index.containsKey(ImportColumn.DESCRIPTION) || !index.containsKey(ImportColumn.NAME)) {
            throw invalid("file", "首行须为列名，至少包含 customerName（投诉人）和 description（投诉内容），见 README「Channels」");
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw invalid("file", "每个文件最多 " + MAX_ROWS + " 行，请拆分后导入");
        }
        List<ImportReport.Row> results = new ArrayList<>();
        int created = 0;
        int existing = 0;
        for (CsvText.Line line : lines.subList(1, lines.size())) {
            ImportReport.Row row = importRow(line, index, headers, header.size(), actor);
            results.add(row);
            switch (row.status()) {
                case "created" -> created++;
                case "existing" -> existing++;
                default -> { }
            }
        }
        return new ImportReport(decoded.encoding(), results.size(), created, existing,
                results.size() - created - existing, results);
    }

    private ImportReport.Row importRow(CsvText.Line line, Map<ImportColumn, Integer> index,
                                       Map<ImportColumn, String> headers, int headerWidth, String actor) {
        Cells cells = new Cells(line.fields(), index);
        List<FieldError> errors = new ArrayList<>();
        if (line.fields().size() > headerWidth) {
            // more cells than the header: usually an unquoted comma inside a text
            errors.add(new FieldError("row", "列数多于表头，含逗号的内容须加英文双引号"));
        }
        BigDecimal amount = null;
        String amountText = cells.get(ImportColumn.AMOUNT);
        if (amountText != null) {
            try {
                amount = new BigDecimal(amountText.replace(",", "").replace("，", ""));
            } catch (NumberFormatException e) {
                errors.add(new FieldError(headers.get(ImportColumn.AMOUNT), "金额须为数字"));
            }
        }
        if (cells.get(ImportColumn.EXTERNAL_REF) == null) {
            // without the regulator's number a second import of the file could not be recognised
            errors.add(new FieldError(headers.getOrDefault(ImportColumn.EXTERNAL_REF, "externalRef"),
                    "必填：监管机构的投诉编号，重复导入时据此识别"));
        }
        String channel = cells.get(ImportColumn.CHANNEL) == null ? DEFAULT_CHANNEL : cells.get(ImportColumn.CHANNEL);
        ComplaintRequest request = new ComplaintRequest(channel, cells.get(ImportColumn.EXTERNAL_REF),
                cells.get(ImportColumn.REGULATOR), cells.get(ImportColumn.REGULATOR_DEADLINE),
                new CustomerRequest(cells.get(ImportColumn.NAME), cells.get(ImportColumn.PHONE),
                        cells.get(ImportColumn.EMAIL), cells.get(ImportColumn.CUSTOMER_ID), false),
                cells.get(ImportColumn.CATEGORY), cells.get(ImportColumn.PRODUCT), cells.get(ImportColumn.SUBJECT),
                cells.get(ImportColumn.DESCRIPTION), amount, cells.get(ImportColumn.OCCURRED_AT), false, null);
        String ref = request.externalRef();
        try {
            if (!errors.isEmpty()) {
                validator.validate(request); // collect the row's other problems too; stores nothing
                return rejected(line, ref, errors);
            }
            IntakeResult result;
            try {
                result = intake.accept(request, actor);
            } catch (DuplicateKeyException concurrentTwin) {
                result = intake.existing(request);
            }
            return new ImportReport.Row(line.number(), result.created() ? "created" : "existing",
                    result.complaint().caseNumber(), ref, List.of());
        } catch (InvalidRequestException e) {
            e.errors().forEach(error -> errors.add(new FieldError(columnOf(error.field(), headers), error.message())));
            return rejected(line, ref, errors);
        }
    }

    private static ImportReport.Row rejected(CsvText.Line line, String ref, List<FieldError> errors) {
        return new ImportReport.Row(line.number(), "rejected", null, ref, List.copyOf(errors));
    }

    /** Names the intake field by the column the file used for it (its own header text). */
    private static String columnOf(String field, Map<ImportColumn, String> headers) {
        String api = field.startsWith("customer.") ? "customer" + Character.toUpperCase(field.charAt(9))
                + field.substring(10) : field;
        if (api.equals("customerCustomerId")) {
            api = "customerId";
        }
        for (ImportColumn c : ImportColumn.values()) {
            if (c.apiName().equalsIgnoreCase(api)) {
                return headers.getOrDefault(c, c.apiName());
            }
        }
        return field;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }

    private record Cells(List<String> fields, Map<ImportColumn, Integer> index) {
        String get(ImportColumn column) {
            Integer i = index.get(column);
            if (i == null || i >= fields.size()) {
                return null;
            }
            String v = fields.get(i).strip();
            return v.isEmpty() ? null : v;
        }
    }
}
