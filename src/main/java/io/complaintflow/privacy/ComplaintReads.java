package io.complaintflow.privacy;

import io.complaintflow.complaint.ComplaintView;
import io.complaintflow.complaint.Page;
import io.complaintflow.privacy.PersonalData.Visibility;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every complaint the complaint API hands out passes here on its way to the reader: masked unless the reader's
 * groups see personal data in full, and recorded in the {@link AccessLog} — as a read of the case view when it
 * comes from Tasklist. The complaint API stays as it was (its shape, its read scope); this is the one place that
 * decides what of a complaint a reader sees.
 */
@ControllerAdvice(basePackageClasses = ComplaintView.class) // the complaint API: complaint/'s controllers
public class ComplaintReads implements ResponseBodyAdvice<Object> {

    /** Sent by the case view; a request from a Tasklist page (its Referer) counts as the case view too. */
    public static final String VIEW_HEADER = "X-ComplaintFlow-View";

    private final PersonalData personalData;
    private final AccessLog log;

    public ComplaintReads(PersonalData personalData, AccessLog log) {
        this.personalData = personalData;
        this.log = log;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ComplaintView view) {
            Visibility visibility = visibility();
            record(request, List.of(view.caseNumber()), "complaint, " + describe(visibility));
            return visibility == Visibility.FULL ? view : ComplaintMasking.masked(view);
        }
        if (body instanceof Page<?> page && page.items().stream().allMatch(ComplaintView.class::isInstance)) {
            Visibility visibility = visibility();
            List<ComplaintView> items = page.items().stream().map(ComplaintView.class::cast).toList();
            record(request, items.stream().map(ComplaintView::caseNumber).toList(), "list, " + describe(visibility));
            return visibility == Visibility.FULL ? page
                    : new Page<>(items.stream().map(ComplaintMasking::masked).toList(), page.page(), page.size(),
                    page.total());
        }
        return body;
    }

    private void record(ServerHttpRequest request, List<String> caseNumbers, String what) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || caseNumbers.isEmpty()) {
            return;
        }
        log.record(auth.getName(), caseNumbers, caseView(request) ? AccessLog.Door.CASE_VIEW : AccessLog.Door.API, what);
    }

    private static boolean caseView(ServerHttpRequest request) {
        String view = request.getHeaders().getFirst(VIEW_HEADER);
        String referer = request.getHeaders().getFirst("Referer");
        return "case-view".equals(view) || referer != null && referer.contains("/camunda/app/tasklist");
    }

    private static String describe(Visibility visibility) {
        return visibility == Visibility.FULL ? "personal data in full" : "personal data masked";
    }

    private Visibility visibility() {
        return personalData.visibilityFor(groups());
    }

    static List<String> groups() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? List.of() : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
