package io.complaintflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ComplaintFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(ComplaintFlowApplication.class, args);
    }
}
