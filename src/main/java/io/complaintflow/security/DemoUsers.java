package io.complaintflow.security;

import io.complaintflow.engine.StartupOrder;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The demo profile's people, all with password {@code demo}. */
@Component
@Profile("demo")
@Order(StartupOrder.IDENTITY + 1)
public class DemoUsers implements ApplicationRunner {

    public static final String PASSWORD = "demo";

    record DemoUser(String id, String firstName, String lastName, List<String> groups) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("demo", "系统", "管理员", List.of(Groups.ADMIN, Groups.PROCESS_OWNERS,
                    Groups.COMPLAINT_MANAGERS)),
            new DemoUser("agent", "小安", "坐席", List.of(Groups.FRONTLINE)),
            new DemoUser("center", "陈", "投诉中心", List.of(Groups.COMPLAINT_CENTER)),
            new DemoUser("center-lead", "程", "投诉中心负责人", List.of(Groups.COMPLAINT_CENTER_LEAD,
                    Groups.COMPLAINT_CENTER)),
            new DemoUser("quality", "秦", "质量部", List.of(Groups.department("quality"))),
            new DemoUser("aftersales", "萧", "售后服务部", List.of(Groups.department("after-sales"))),
            new DemoUser("billing", "卞", "账务部", List.of(Groups.department("billing"))),
            new DemoUser("logistics", "陆", "物流部", List.of(Groups.department("logistics"))),
            new DemoUser("lead-quality", "黎", "质量部负责人", List.of(Groups.departmentLead("quality"),
                    Groups.department("quality"))),
            new DemoUser("manager", "孟", "投诉经理", List.of(Groups.COMPLAINT_MANAGERS)),
            new DemoUser("owner", "欧", "流程负责人", List.of(Groups.PROCESS_OWNERS)),
            new DemoUser("pr", "潘", "公关部", List.of(Groups.department("pr"))),
            new DemoUser("legal", "罗", "法务部", List.of(Groups.department("legal"))),
            new DemoUser("commander", "龚", "应急指挥", List.of(Groups.EMERGENCY_GROUP)),
            new DemoUser("senior", "沈", "公司高层", List.of(Groups.EMERGENCY_SENIOR, Groups.EMERGENCY_GROUP)),
            new DemoUser("surge1", "苏", "现场主管", List.of(Groups.surgeRoster(1))),
            new DemoUser("surge2", "司", "轮休坐席", List.of(Groups.surgeRoster(2))),
            new DemoUser("surge3", "施", "多技能坐席", List.of(Groups.surgeRoster(3))),
            // an intake channel's service account (API only: no Tasklist application grant)
            new DemoUser("intake-bot", "接入", "渠道", List.of(Groups.INTAKE)),
            // answers customers' access and deletion requests (the API under /api/privacy only)
            new DemoUser("privacy", "白", "个人信息保护专员", List.of(Groups.PRIVACY_OFFICERS)));

    /** The ids the prod profile refuses to start with. */
    public static List<String> userIds() {
        return USERS.stream().map(DemoUser::id).toList();
    }

    private final IdentityService identity;

    public DemoUsers(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoUser u : USERS) {
            if (identity.createUserQuery().userId(u.id()).singleResult() == null) {
                User user = identity.newUser(u.id());
                user.setFirstName(u.firstName());
                user.setLastName(u.lastName());
                user.setEmail(u.id() + "@example.com");
                user.setPassword(PASSWORD);
                identity.saveUser(user);
            }
            for (String group : u.groups()) {
                if (identity.createUserQuery().userId(u.id()).memberOfGroup(group).count() == 0) {
                    identity.createMembership(u.id(), group);
                }
            }
        }
    }
}
