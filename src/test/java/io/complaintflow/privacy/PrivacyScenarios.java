package io.complaintflow.privacy;

import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import java.util.concurrent.ThreadLocalRandom;

/** A customer of this test only: a name, phone, e-mail and customer id no other test uses, written into the text too. */
record PrivacyScenarios(String name, String phone, String email, String customerId) {

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_NAME =
            new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(500));

    static PrivacyScenarios newCustomer() {
        int n = ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String[] surnames = {"欧阳", "司马", "诸葛", "上官", "慕容"};
        // 500 names handed out in turn (the masking tests expect five characters): with names drawn at random from 100,
        // two customers of one suite shared a name now and then, and the every-table scan found the other's complaint
        int k = NEXT_NAME.getAndIncrement() % 500;
        String name = surnames[k / 100] + "测" + (char) ('甲' + k % 10) + (char) ('乙' + k / 10 % 10);
        return new PrivacyScenarios(name, "137" + n + "42", "c" + n + "@example.com", "CUST-" + n);
    }

    /**
     * Files the complaint and, where the decision tables ask the center to review it (a repeat, card numbers in the
     * text), confirms it as a G1 delivery complaint for logistics, as the center would.
     */
    String fileFor(TestScenarios scenarios) {
        return reviewed(scenarios, scenarios.file(complaint()));
    }

    /** Where the decision tables ask the center to review a filed complaint, it confirms it as G1 for logistics. */
    static String reviewed(TestScenarios scenarios, String caseNumber) {
        if (scenarios.openTasks(caseNumber).stream().anyMatch(t -> t.getTaskDefinitionKey().equals("Task_ReviewTriage"))) {
            scenarios.complete(caseNumber, "Task_ReviewTriage", "center", java.util.Map.of("category", "delivery",
                    "grade", "G1", "departments", io.complaintflow.engine.FormValues.jsonList(java.util.List.of("logistics"))));
        }
        return caseNumber;
    }

    /** A delivery complaint (routed to logistics) whose text repeats the contact details and adds more. */
    ComplaintRequest complaint() {
        return complaint(TestScenarios.uniqueProduct());
    }

    /** The same about a given product (complaints about one product within a day make a mass incident). */
    ComplaintRequest complaint(String product) {
        return new ComplaintRequest("hotline", null, null, null,
                new CustomerRequest(name, phone, email, customerId, false), "delivery", product,
                "快递丢失（" + name + "）",
                "我是" + name + "，电话 " + phone + "，邮箱 " + email + "，身份证 110101199003071234，"
                        + "银行卡 6222 0212 3456 7890 128，寄到北京市朝阳区建国路88号3栋201室。",
                null, null, false, null);
    }
}
