package io.complaintflow.modelpolicy;

/** One thing in a model the policy refuses: where (resource, element, line) and which rule. */
public record Violation(String resource, String element, int line, Rule rule, String detail) {

    /** The rules, each with the sentence a process owner reads. */
    public enum Rule {
        SCRIPT("脚本不允许（script tasks, scripts, script conditions）"),
        FOREIGN_CLASS("camunda:class 只能是 io.complaintflow 的类"),
        CONNECTOR("连接器不允许"),
        UNPUBLISHED_BEAN("表达式只能使用发布给模型的 Bean"),
        METHOD_CALL("表达式只能调用已发布 Bean 的方法"),
        FORBIDDEN_PROPERTY("表达式不能读取 class、类加载器或引擎内部对象"),
        FUNCTION("表达式只能使用 currentUser、currentUserGroups、now、dateTime 函数"),
        INVALID_EXPRESSION("表达式无法解析"),
        DMN_LANGUAGE("DMN 只允许 FEEL 或 JUEL 表达式"),
        UNREADABLE("模型文件无法读取");

        private final String text;

        Rule(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public String message() {
        return resource + (element == null ? "" : " " + element) + (line > 0 ? " (line " + line + ")" : "") + ": "
                + rule.name() + " — " + rule.text() + ": " + detail;
    }
}
