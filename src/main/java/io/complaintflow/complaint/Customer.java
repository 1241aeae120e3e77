package io.complaintflow.complaint;

public record Customer(String name, String phone, String email, String customerId, boolean vip) {
}
