package io.securewatch.controlplane.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The stored response of a POST that carried an {@code Idempotency-Key}. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecordEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String actor;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(nullable = false, length = 8)
    public String method;

    @Column(nullable = false, length = 2048)
    public String path;

    /** SHA-256 of method, path and canonical request body, to detect a key reused for another request. */
    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(name = "response_status", nullable = false)
    public int responseStatus;

    @Column(name = "response_body", columnDefinition = "text")
    public String responseBody;

    @Column(length = 2048)
    public String location;

    @Column(length = 64)
    public String etag;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
