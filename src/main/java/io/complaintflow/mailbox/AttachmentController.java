package io.complaintflow.mailbox;

import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.security.ReadScopes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The files a customer mailed with a complaint, for whoever may read the complaint. Always a download with the
 * browser told not to guess or run anything: a customer's file never becomes a page of this application.
 */
@RestController
@RequestMapping("/api/complaints/{caseNumber}/attachments")
class AttachmentController {

    private static final Set<String> SHOWN_AS_IS = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "application/pdf", "text/plain");

    private final MailboxAttachments attachments;
    private final ComplaintRepository complaints;

    public AttachmentController(MailboxAttachments attachments, ComplaintRepository complaints) {
        this.attachments = attachments;
        this.complaints = complaints;
    }

    @GetMapping
    public List<MailboxAttachments.StoredAttachment> list(@PathVariable String caseNumber) {
        readable(caseNumber);
        return attachments.of(caseNumber);
    }

    @GetMapping("/{id}")
    public ResponseEntity<byte[]> download(@PathVariable String caseNumber, @PathVariable long id) {
        readable(caseNumber);
        MailboxAttachments.StoredAttachment meta = attachments.of(caseNumber).stream().filter(a -> a.id() == id)
                .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个附件"));
        byte[] content = attachments.content(caseNumber, id).orElseThrow();
        String type = SHOWN_AS_IS.contains(meta.contentType()) ? meta.contentType()
                : MediaType.APPLICATION_OCTET_STREAM_VALUE;
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(meta.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(content);
    }

    private void readable(String caseNumber) {
        if (complaints.find(caseNumber).isEmpty() || !complaints.readable(caseNumber, ReadScopes.current())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个工单");
        }
    }
}
