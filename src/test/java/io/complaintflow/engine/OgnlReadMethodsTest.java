package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.ognl.AbstractMemberAccess;
import org.apache.ibatis.ognl.Ognl;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.junit.jupiter.api.Test;

/**
 * The remembered accessor reads what OGNL's own object accessor reads — getters, methods read by name, fields without
 * a getter, a missing property — and looks each class and name up once.
 */
class OgnlReadMethodsTest {

    private static final AbstractMemberAccess ANY = new AbstractMemberAccess() {
        @Override
        public boolean isAccessible(OgnlContext context, Object target, Member member, String propertyName) {
            return true;
        }
    };

    @Test
    void readsWhatOgnlReadsAndLooksUpOnce() throws Exception {
        TaskQueryImpl query = new TaskQueryImpl();
        query.processInstanceBusinessKey("CF-1").taskDefinitionKey("Task_HandleComplaint").active();
        AuthorizationCheck check = new AuthorizationCheck();
        check.setAuthorizationCheckEnabled(true);
        check.setAuthUserId("demo");
        Object[][] cases = {{query, "processInstanceBusinessKey"}, {query, "isOrQueryActive"}, {query, "key"},
                {query, "suspensionState"}, {query, "processDefinitionTenantId"}, {query, "candidateUser"},
                {query, "queries"}, {query, "noSuchProperty"}, {check, "shouldPerformAuthorizatioCheck"},
                {check, "revokeAuthorizationCheckEnabled"}, {check, "authUserId"}};
        OgnlReadMethods.ReadMethods remembered = new OgnlReadMethods.ReadMethods();
        ObjectPropertyAccessor ognls = new ObjectPropertyAccessor();
        List<Object> found = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (Object[] c : cases) {
                OgnlContext context = Ognl.createDefaultContext(c[0], ANY);
                Object expected = ognls.getPossibleProperty(context, c[0], (String) c[1]);
                Object ours = remembered.getPossibleProperty(context, c[0], (String) c[1]);
                assertThat(ours).as("%s.%s", c[0].getClass().getSimpleName(), c[1]).isEqualTo(expected);
                found.add(ours);
            }
        }
        assertThat(found).contains("CF-1", "Task_HandleComplaint", false, "demo");
        assertThat(remembered.lookups).as("once per class and name").hasValue(cases.length);
    }

    @Test
    void theEnginesExpressionsReadThroughIt() {
        OgnlReadMethods.install();
        TaskQueryImpl query = new TaskQueryImpl();
        query.processInstanceBusinessKey("CF-2");
        long before = OgnlReadMethods.ACCESSOR.lookups.get();
        Object root = java.util.Map.of("query", query);
        assertThat(OgnlCache.getValue("query.isOrQueryActive", root)).isEqualTo(false);
        assertThat(OgnlCache.getValue("query.processInstanceBusinessKey", root)).isEqualTo("CF-2");
        assertThat(OgnlCache.getValue("query.isOrQueryActive", root)).isEqualTo(false);
        assertThat(OgnlReadMethods.ACCESSOR.lookups.get() - before).as("each name looked up once at most")
                .isBetween(0L, 2L);
        assertThat(OgnlReadMethods.ACCESSOR.reader(TaskQueryImpl.class, "isOrQueryActive")).isNotNull();
    }
}
