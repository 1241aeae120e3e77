package io.complaintflow.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a request was answered without its body being read (refused by {@link PublicDoorGuard}), Tomcat would
 * read the rest of the body away to keep the connection — from a client trickling one byte every few seconds,
 * that holds the thread for minutes. Marked requests are closed instead: no reading, the connection ends with
 * the answer.
 */
class UnreadBodyValve extends ValveBase {

    private static final String CLOSE = UnreadBodyValve.class.getName() + ".close";

    UnreadBodyValve() {
        super(true);
    }

    /** Asks for the connection to be closed after the answer, without reading the rest of the body. */
    static void closeAfterAnswer(ServletRequest request) {
        request.setAttribute(CLOSE, Boolean.TRUE);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (Boolean.TRUE.equals(request.getAttribute(CLOSE))) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
