package io.securewatch.controlplane.routing;

import io.securewatch.api.v1.RoutingPolicyRequest.Limits;
import io.securewatch.api.v1.RoutingPolicyRequest.OutlierDetection;
import io.securewatch.api.v1.RoutingPolicyRequest.Retries;
import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the {@code routing_policy} table: the routing policy of one service. */
@Entity
@Table(name = "routing_policy")
public class RoutingPolicyEntity {

    @Id
    @Column(name = "workload_id")
    public Long workloadId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Strategy strategy;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Integer> weights;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "failover_order", nullable = false)
    public List<String> failoverOrder;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "outlier_detection")
    public OutlierDetection outlierDetection;

    @Column(name = "connect_timeout_ms", nullable = false)
    public int connectTimeoutMillis;

    @Column(name = "request_timeout_ms", nullable = false)
    public int requestTimeoutMillis;

    @JdbcTypeCode(SqlTypes.JSON)
    public Retries retries;

    @JdbcTypeCode(SqlTypes.JSON)
    public Limits limits;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
