package io.complaintflow.cluster;

import jakarta.servlet.ServletContextEvent;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.web.bootstrap.AdminContainerBootstrap;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.web.bootstrap.CockpitContainerBootstrap;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.web.bootstrap.TasklistContainerBootstrap;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.web.bootstrap.WelcomeContainerBootstrap;
import org.springframework.mock.web.MockServletContext;

/**
 * Camunda's webapps keep their runtime in static fields, which a web server shutting down clears for the whole JVM.
 * The test nodes share the JVM with the suite's own context, whose Tasklist and Cockpit must keep working after a
 * node has stopped, so a stopped node puts them back.
 */
public final class WebappRuntimes {

    private WebappRuntimes() {
    }

    public static void restoreIfCleared() {
        ServletContextEvent event = new ServletContextEvent(new MockServletContext());
        if (Cockpit.getRuntimeDelegate() == null) {
            new CockpitContainerBootstrap().contextInitialized(event);
        }
        if (Admin.getRuntimeDelegate() == null) {
            new AdminContainerBootstrap().contextInitialized(event);
        }
        if (Tasklist.getRuntimeDelegate() == null) {
            new TasklistContainerBootstrap().contextInitialized(event);
        }
        if (Welcome.getRuntimeDelegate() == null) {
            new WelcomeContainerBootstrap().contextInitialized(event);
        }
    }
}
