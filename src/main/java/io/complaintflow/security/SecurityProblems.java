package io.complaintflow.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem+json, like every other error of the API. */
final class SecurityProblems {

    private SecurityProblems() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"ComplaintFlow\", charset=\"UTF-8\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "未登录", "请先登录（HTTP Basic，或 Camunda 网页登录）");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) ->
                write(response, HttpServletResponse.SC_FORBIDDEN, "无权访问", "当前用户所在的组无权进行此操作");
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
