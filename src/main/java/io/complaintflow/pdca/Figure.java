package io.complaintflow.pdca;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import java.util.Optional;

/**
 * A measurable figure an improvement action should move, from a fixed list: its code is {@code kind} or
 * {@code kind:parameter} (e.g. {@code category:billing}, {@code sla-breach:quality}, {@code satisfaction}).
 */
public record Figure(Kind kind, String parameter) {

    public enum Kind {
        CATEGORY("category", "类别「%s」投诉件数（每 30 天）", true),
        ROOT_CAUSE("root-cause", "根本原因「%s」结案件数（每 30 天）", true),
        SLA_BREACH("sla-breach", "%s处理超时率（%%）", true),
        TRANSFERS("transfers", "%s退回「非本部门」次数（每 30 天）", true),
        REPEAT("repeat", "重复投诉件数（每 30 天）", true),
        REGULATOR_SHARE("regulator-share", "监管转办占比（%%）", true),
        SATISFACTION("satisfaction", "回访满意度平均分（1–5）", false);

        final String code;
        final String label;
        final boolean lowerIsBetter;

        Kind(String code, String label, boolean lowerIsBetter) {
            this.code = code;
            this.label = label;
            this.lowerIsBetter = lowerIsBetter;
        }

        boolean parameterized() {
            return label.contains("%s");
        }
    }

    public String code() {
        return parameter == null ? kind.code : kind.code + ":" + parameter;
    }

    public boolean lowerIsBetter() {
        return kind.lowerIsBetter;
    }

    public String label(RootCauses causes) {
        if (!kind.parameterized()) {
            return String.format(kind.label);
        }
        String name = switch (kind) {
            case CATEGORY -> Coded.labelOf(Category.class, parameter);
            case ROOT_CAUSE -> causes.labelOf(parameter);
            default -> Coded.labelOf(Department.class, parameter);
        };
        return String.format(kind.label, name);
    }

    /** The figure of a code, if the code names one of the list (with a known category, cause or department). */
    public static Optional<Figure> parse(String code, RootCauses causes) {
        if (code == null) {
            return Optional.empty();
        }
        String[] parts = code.strip().split(":", 2);
        for (Kind kind : Kind.values()) {
            if (!kind.code.equals(parts[0]) || kind.parameterized() != (parts.length == 2)) {
                continue;
            }
            if (parts.length == 1) {
                return Optional.of(new Figure(kind, null));
            }
            boolean known = switch (kind) {
                case CATEGORY -> Coded.parse(Category.class, parts[1]).isPresent();
                case ROOT_CAUSE -> causes.find(parts[1]).isPresent();
                default -> Coded.parse(Department.class, parts[1]).isPresent();
            };
            return known ? Optional.of(new Figure(kind, parts[1])) : Optional.empty();
        }
        return Optional.empty();
    }
}
