# Installs one cluster's agent: its namespace, the Secret with its registration token, and the agent chart set to
# connect to the control plane and to its region's Consul.

locals {
  chart_prefix = var.charts.path != null ? "${var.charts.path}/" : ""
}

resource "kubernetes_namespace" "agent" {
  metadata {
    name = var.agent.namespace
    labels = {
      "app.kubernetes.io/part-of" = "securewatch"
    }
  }
}

resource "kubernetes_secret" "registration" {
  metadata {
    name      = var.agent.registration_secret
    namespace = kubernetes_namespace.agent.metadata[0].name
  }

  data = {
    "registration-token" = var.registration_token
  }
}

resource "helm_release" "agent" {
  name       = var.agent.release
  namespace  = kubernetes_namespace.agent.metadata[0].name
  repository = var.charts.repository
  chart      = "${local.chart_prefix}securewatch-agent"
  version    = var.charts.repository != null ? var.charts.version : null
  wait       = true

  values = [
    yamlencode({
      image             = { tag = var.image_tag }
      cluster           = var.agent.cluster
      controlPlaneUrl   = var.agent.control_plane_url
      registrationToken = { existingSecret = kubernetes_secret.registration.metadata[0].name, key = "registration-token" }
      consul            = { address = var.agent.consul_address }
    }),
    yamlencode(var.extra_values),
  ]
}
