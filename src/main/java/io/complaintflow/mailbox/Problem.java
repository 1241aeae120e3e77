package io.complaintflow.mailbox;

/** Why a mail needs a person: it could not be handled fully, or it may not speak for the complaint's customer. */
public enum Problem {
    NO_SENDER("没有可用的发件人地址"),
    TOO_LARGE("邮件超过大小上限，正文与附件未读取"),
    UNREADABLE("正文无法读取"),
    BROKEN_MIME("MIME 结构损坏，正文可能不完整"),
    ATTACHMENT_NOT_KEPT("有附件超过大小或数量上限，未保存"),
    NOT_CUSTOMER("发件人不是该投诉登记的客户邮箱"),
    AMBIGUOUS("邮件线程与主题中的工单号不一致"),
    NOT_ACCEPTED("不能作为投诉受理"),
    UNMATCHED_BOUNCE("退信无法对应到投诉"),
    FAILED("多次处理失败");

    private final String label;

    Problem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
