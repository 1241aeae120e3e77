import java.io.InputStream;
import java.nio.file.*;
import java.util.Map;
import org.camunda.bpm.dmn.engine.*;
import org.camunda.bpm.engine.variable.Variables;

/**
 * CPU time of the three intake decisions (grading, routing, SLA) for a routine complaint, models from a folder:
 *   unzip -q -o target/complaintflow-0.1.0-SNAPSHOT.jar "BOOT-INF/lib/*" -d /tmp/cf && java -cp "/tmp/cf/BOOT-INF/lib/*" bench/DmnCost.java processes
 * Used to measure the DMN change of the tuning log (bench/README.md). Not part of the build.
 */
public class DmnCost {
    public static void main(String[] a) throws Exception {
        DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        Path dir = Path.of(a[0]);
        DmnDecision grading = parse(dmn, dir, "complaint-grading"), routing = parse(dmn, dir, "complaint-routing"),
                sla = parse(dmn, dir, "complaint-sla");
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            int n = round < 2 ? 3000 : 5000;
            long cpu0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                var g = dmn.evaluateDecision(grading, Variables.createVariables().putValue("channel", "hotline")
                        .putValue("regulator", null).putValue("category", "delivery").putValue("repeatCount", 0)
                        .putValue("vip", false).putValue("amountClaimed", null)
                        .putValue("complaintText", "包裹未送达 下单后一周仍未收到包裹，客服电话无人接听，请尽快处理并给出说明。")
                        .putValue("massIncidentSize", null)).getFirstResult();
                dmn.evaluateDecision(routing, Variables.createVariables().putValue("category", "delivery")
                        .putValue("channel", "hotline").putValue("gradingResult", Map.of("grade", g.getEntry("grade"))));
                dmn.evaluateDecision(sla, Variables.createVariables().putValue("grade", g.getEntry("grade"))
                        .putValue("channel", "hotline").putValue("regulator", null).putValue("campaignPhase", "none"));
            }
            System.out.printf("%s round %d: %.2f ms CPU per complaint (3 decisions)%n", dir, round,
                    (bean.getCurrentThreadCpuTime() - cpu0) / 1e6 / n);
        }
    }

    static DmnDecision parse(DmnEngine dmn, Path dir, String key) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(key + ".dmn"))) {
            return dmn.parseDecision(key, in);
        }
    }
}
