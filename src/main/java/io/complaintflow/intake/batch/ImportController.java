package io.complaintflow.intake.batch;

import io.complaintflow.complaint.Actors;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/complaints")
class ImportController {

    private final ComplaintImport imports;
    private final Actors actors;

    public ImportController(ComplaintImport imports, Actors actors) {
        this.imports = imports;
        this.actors = actors;
    }

    /** 200 with one result per row (created, existing or rejected with its reasons); 400 when the file is unusable. */
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ImportReport importBatch(@RequestParam(name = "file", required = false) MultipartFile file,
                                    Principal principal) throws IOException {
        if (file == null) {
            throw new InvalidRequestException(List.of(new FieldError("file", "请上传 CSV 文件（字段名 file）")));
        }
        String actor = principal != null ? principal.getName() : actors.current();
        return imports.run(file.getBytes(), actor);
    }
}
