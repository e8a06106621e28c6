# Installs the control plane and the console into the control plane's cluster, with the settings the core module
# derived: replicas, the Consul datacenter of every region, and the leader lease.

locals {
  chart_prefix = var.charts.path != null ? "${var.charts.path}/" : ""
}

resource "kubernetes_namespace" "control_plane" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name = var.control_plane.namespace
    labels = {
      "app.kubernetes.io/part-of" = "securewatch"
    }
  }
}

resource "helm_release" "control_plane" {
  name       = var.control_plane.release
  namespace  = var.control_plane.namespace
  repository = var.charts.repository
  chart      = "${local.chart_prefix}securewatch-control-plane"
  version    = var.charts.repository != null ? var.charts.version : null
  wait       = true
  timeout    = 600

  values = [
    yamlencode({
      image = { tag = var.image_tag }
      # The autoscaler alone sets the replica count, so that an upgrade does not reset it.
      replicaCount = null
      autoscaling  = { enabled = true, minReplicas = var.control_plane.replicas }
      leadership = {
        leaseTime     = var.control_plane.leadership.lease_time
        renewInterval = var.control_plane.leadership.renew_interval
      }
      catalog = {
        consulAddresses = var.control_plane.catalog.consul_addresses
        registerIn      = var.control_plane.catalog.register_in
      }
      database = {
        host     = var.database.host
        port     = var.database.port
        name     = var.database.name
        username = var.database.username
        password = { existingSecret = var.database.password_secret, key = "password" }
      }
      oidc = { authServerUrl = var.oidc.realm_url }
      identity = {
        keycloak = {
          serverUrl    = var.oidc.keycloak_url
          realm        = var.oidc.realm
          clientSecret = { existingSecret = var.oidc.provisioner_client_secret, key = "client-secret" }
        }
      }
      ingress = { enabled = true, host = var.control_plane.api_host }
    }),
    yamlencode(var.extra_values),
  ]

  depends_on = [kubernetes_namespace.control_plane]
}

resource "helm_release" "console" {
  name       = var.control_plane.console
  namespace  = var.control_plane.namespace
  repository = var.charts.repository
  chart      = "${local.chart_prefix}securewatch-console"
  version    = var.charts.repository != null ? var.charts.version : null
  wait       = true

  values = [
    yamlencode({
      image           = { tag = var.image_tag }
      controlPlaneUrl = "http://${var.control_plane.release}"
      oidc = {
        authServerUrl = var.oidc.realm_url
        clientSecret  = { existingSecret = var.oidc.console_client_secret, key = "client-secret" }
      }
    }),
    yamlencode(var.console_extra_values),
  ]

  depends_on = [helm_release.control_plane]
}
