package io.complaintflow.intake;

/** What the public web form sends ({@code POST /public/complaints}). */
public record PublicComplaintRequest(String name, String phone, String email, String category, String product,
                                     String subject, String description) {
}
