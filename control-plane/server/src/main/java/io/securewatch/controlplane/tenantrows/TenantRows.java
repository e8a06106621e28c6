package io.securewatch.controlplane.tenantrows;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits the database rows that a tenant administrator's request reads and writes to its own tenant's, through the
 * PostgreSQL row-level security policies of migration V15. A second line behind the tenant checks of the services:
 * a query that lacks its tenant filter still returns no row of another tenant.
 *
 * <p>Put it on REST resources that serve tenant-owned data. A method that returns {@code Uni} runs in the Hibernate
 * Reactive session of {@code @WithSession} or {@code @WithTransaction}, or else in a session opened for it. Methods
 * that return anything else run unchanged, and so do platform callers, who see every tenant.
 *
 * @see TenantRowsInterceptor
 */
@InterceptorBinding
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface TenantRows {}
