package io.complaintflow.testdb;

import org.springframework.test.context.ActiveProfilesResolver;

/** {@code test}, and on the PostgreSQL run the production profile {@code postgres} under it. */
public class TestProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        return profiles();
    }

    /** Later profiles win: {@code test} keeps the job executor off and the clock in the tests' hands. */
    public static String[] profiles() {
        return TestDatabase.postgresRun() ? new String[] {"postgres", "test"} : new String[] {"test"};
    }
}
