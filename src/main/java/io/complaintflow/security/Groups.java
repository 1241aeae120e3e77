package io.complaintflow.security;

import io.complaintflow.complaint.Department;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The groups of DESIGN.md: id → Chinese name. Models, filters and authorizations refer to these ids. */
public final class Groups {

    public static final String FRONTLINE = "frontline";
    public static final String COMPLAINT_CENTER = "complaint-center";
    /** Not in DESIGN.md's table: the center's lead approves mid-size compensation and is the center's first escalation level. */
    public static final String COMPLAINT_CENTER_LEAD = "complaint-center-lead";
    public static final String COMPLAINT_MANAGERS = "complaint-managers";
    public static final String EMERGENCY_GROUP = "emergency-group";
    /** Not in DESIGN.md: senior leaders, called when the emergency group's commander does not acknowledge a crisis in time. */
    public static final String EMERGENCY_SENIOR = "emergency-senior";
    /** Not in DESIGN.md: the surge rosters, one per level (1 on-site leads/supervisors/support, 2 off-shift, 3 multi-skilled). */
    public static final int SURGE_LEVELS = 3;
    public static final String PROCESS_OWNERS = "process-owners";
    public static final String INTAKE = "intake";
    /** Not in DESIGN.md: answer customers' access and deletion requests, read the access log (PIPL, issue 22). */
    public static final String PRIVACY_OFFICERS = "privacy-officers";
    public static final String ADMIN = "camunda-admin";

    /** Who reads every complaint and task: the owner of every complaint, and the levels above it (admins aside). */
    public static final List<String> READ_ALL = List.of(COMPLAINT_CENTER, COMPLAINT_CENTER_LEAD, COMPLAINT_MANAGERS,
            EMERGENCY_GROUP, EMERGENCY_SENIOR, PROCESS_OWNERS);

    private Groups() {
    }

    public static String department(String key) {
        return "dept-" + key;
    }

    public static String departmentLead(String key) {
        return "dept-" + key + "-lead";
    }

    public static String surgeRoster(int level) {
        return "surge-level-" + level;
    }

    public static Map<String, String> all() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(FRONTLINE, "一线坐席");
        groups.put(COMPLAINT_CENTER, "投诉中心");
        groups.put(COMPLAINT_CENTER_LEAD, "投诉中心负责人");
        for (Department d : Department.values()) {
            groups.put(department(d.code()), d.label());
            groups.put(departmentLead(d.code()), d.label() + "负责人");
        }
        groups.put(COMPLAINT_MANAGERS, "投诉管理经理");
        groups.put(EMERGENCY_GROUP, "应急小组");
        groups.put(EMERGENCY_SENIOR, "应急小组高层");
        groups.put(surgeRoster(1), "激增响应一级：现场主管与支援人员");
        groups.put(surgeRoster(2), "激增响应二级：轮休人员");
        groups.put(surgeRoster(3), "激增响应三级：多技能人员");
        groups.put(PROCESS_OWNERS, "流程负责人");
        groups.put(INTAKE, "接入渠道（服务账号）");
        groups.put(PRIVACY_OFFICERS, "个人信息保护专员");
        groups.put(ADMIN, "系统管理员");
        return groups;
    }
}
