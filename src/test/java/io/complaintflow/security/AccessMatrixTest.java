package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.security.AccessMatrix.Probe;
import io.complaintflow.security.AccessMatrix.Rule;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The authorization matrix cell by cell: every row's probe, sent over real HTTP as every demo user and without
 * login, gets through exactly where {@link AccessMatrix} says.
 */
@ComplaintFlowTest
class AccessMatrixTest {

    @LocalServerPort int port;
    @Autowired IdentityService identity;

    private final String client = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);

    @Test
    void everyCellOfTheMatrixHoldsForEveryDemoUserOverRealHttp() {
        List<String> users = new ArrayList<>(DemoUsers.userIds());
        users.add(null); // not signed in
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Rule rule : AccessMatrix.all()) {
            if (rule.probe() == null) {
                continue;
            }
            for (String user : users) {
                List<String> groups = user == null ? null : identity.createGroupQuery().groupMember(user).list().stream()
                        .map(Group::getId).toList();
                boolean allowed = rule.who().allows(groups);
                int status = send(rule.probe(), user);
                Probe probe = rule.probe();
                boolean refused = status == 401 || status == 403 || probe.allowedStatus() != 0 && status == 404;
                boolean ok = allowed ? !refused && (probe.allowedStatus() == 0 || status == probe.allowedStatus())
                        : refused;
                cells++;
                if (!ok) {
                    wrong.add(probe.method() + " " + probe.path() + " as " + (user == null ? "anonymous" : user)
                            + ": expected " + (allowed ? "allowed" : "refused") + ", got " + status);
                }
            }
        }
        assertThat(cells).isGreaterThan(400);
        assertThat(wrong).isEmpty();
    }

    private int send(Probe probe, String user) {
        HttpSession session = new HttpSession(port);
        if (user != null && !probe.method().equals("LOGIN")) {
            session.basic(user, DemoUsers.PASSWORD);
        }
        Map<String, String> headers = new HashMap<>(Map.of("X-Forwarded-For", client));
        if (probe.method().equals("LOGIN")) {
            return user == null ? 401 : session.webappLoginTo(probe.path(), user, DemoUsers.PASSWORD).statusCode();
        }
        if (probe.path().startsWith("/camunda/api/")) {
            session.get("/camunda/app/admin/default/");
            String token = session.cookie("XSRF-TOKEN");
            if (token != null) {
                headers.put("X-XSRF-TOKEN", token);
            }
        }
        HttpResponse<String> response = probe.multipart()
                ? session.upload(probe.path(), "matrix-probe.bpmn", probe.body())
                : session.json(probe.method(), probe.path(), probe.body(), headers);
        return response.statusCode();
    }

}
