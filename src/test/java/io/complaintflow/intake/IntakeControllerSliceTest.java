package io.complaintflow.intake;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.ComplaintView;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import io.complaintflow.web.ProblemHandler;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The intake endpoint's HTTP layer alone (a slice: no engine, no database, milliseconds): which answer a client
 * gets for a new complaint, for bad input and for the same channel reference arriving twice at once — the last
 * one a race the full-stack tests cannot provoke on purpose.
 */
class IntakeControllerSliceTest {

    private final IntakeService intake = mock(IntakeService.class);
    private final Actors actors = mock(Actors.class);
    private MockMvc http;

    private static final String BODY = """
            {"channel":"hotline","externalRef":"HL-1","category":"delivery","subject":"没收到货",
             "customer":{"name":"张三","phone":"13900001111"}}""";

    @BeforeEach
    void controllerWithItsProblemHandler() {
        when(actors.current()).thenReturn("agent");
        http = MockMvcBuilders.standaloneSetup(new IntakeController(intake, actors))
                .setControllerAdvice(new ProblemHandler()).build();
    }

    @Test
    void aNewComplaintIs201WithWhereToFollowItAndWhatIsStillPending() throws Exception {
        IntakeResult stored = new IntakeResult(view("CMP-20261203-000001"), true, null);
        when(intake.accept(any(), eq("agent"))).thenReturn(stored);

        http.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/complaints/CMP-20261203-000001"))
                .andExpect(jsonPath("$.caseNumber").value("CMP-20261203-000001"))
                .andExpect(jsonPath("$.pending").value(org.hamcrest.Matchers.contains("grade", "departments",
                        "deadlines")));
    }

    @Test
    void badInputIs400NamingEachFieldAsProblemJson() throws Exception {
        when(intake.accept(any(), any())).thenThrow(new InvalidRequestException(List.of(
                new FieldError("channel", "未知的渠道"), new FieldError("customer.phone", "格式不正确"))));

        http.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/problem+json")))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("channel",
                        "customer.phone")));
    }

    @Test
    void theSameReferenceArrivingTwiceAtOnceAnswersTheStoredOneWith200() throws Exception {
        when(intake.accept(any(), any())).thenThrow(new DuplicateKeyException("uq_complaint_channel_ref"));
        IntakeResult twin = new IntakeResult(view("CMP-20261203-000007"), false, null);
        when(intake.existing(any())).thenReturn(twin);

        http.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.caseNumber").value("CMP-20261203-000007"));
    }

    @Test
    void aBodyThatIsNotJsonNeverReachesIntake() throws Exception {
        http.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("{\"channel\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").exists());
        verify(intake, never()).accept(any(), any());
    }

    /** A stored complaint as intake answers it: graded, routed and given deadlines only later. */
    private static ComplaintView view(String caseNumber) {
        ComplaintView view = mock(ComplaintView.class);
        when(view.caseNumber()).thenReturn(caseNumber);
        when(view.departments()).thenReturn(List.of());
        when(view.deadlines()).thenReturn(java.util.Map.of());
        return view;
    }
}
