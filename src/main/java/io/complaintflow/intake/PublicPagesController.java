package io.complaintflow.intake;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /public/} opens the complaint form (static, in {@code static/public/}). */
@Controller
class PublicPagesController {

    @GetMapping({"/public", "/public/"})
    public String index() {
        return "forward:/public/index.html";
    }
}
