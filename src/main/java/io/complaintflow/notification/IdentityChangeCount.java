package io.complaintflow.notification;

/**
 * How many changes of users, groups, memberships or tenants this node's engine has committed since it started
 * ({@code security/IdentityChanges} counts them): {@link Recipients} reads a group's members again after one.
 */
public interface IdentityChangeCount {

    long identityChanges();
}
