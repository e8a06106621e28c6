output "control_plane" {
  description = "The control plane's cluster, namespace, releases and the settings (environment variables) that wire it to every region."
  value = {
    region    = var.control_plane.region
    cluster   = var.regions[var.control_plane.region].clusters[0]
    namespace = local.control_plane_namespace
    release   = "${var.name_prefix}-control-plane"
    console   = "${var.name_prefix}-console"
    replicas  = var.control_plane.replicas
    api_url   = "https://${var.control_plane.api_hostname}"
    agent_url = local.agent_url
    environment = {
      SECUREWATCH_CATALOG_CONSUL_ADDRESSES  = local.consul_addresses
      SECUREWATCH_CATALOG_REGISTER_IN       = local.consul_datacenters[var.control_plane.region]
      SECUREWATCH_LEADERSHIP_LEASE_TIME     = "${var.control_plane.lease_seconds}s"
      SECUREWATCH_LEADERSHIP_RENEW_INTERVAL = "${var.control_plane.renew_seconds}s"
    }
  }
}

output "agents" {
  description = "One agent per cluster, by cluster name: its region, namespace, release, registration Secret and settings."
  value = {
    for cluster, facts in local.clusters : cluster => {
      region              = facts.region
      namespace           = local.agent_namespace
      release             = "${var.name_prefix}-agent"
      registration_secret = "${var.name_prefix}-agent-registration"
      environment = {
        SECUREWATCH_AGENT_CLUSTER           = cluster
        SECUREWATCH_AGENT_CONTROL_PLANE_URL = local.agent_url
        SECUREWATCH_AGENT_CONSUL_ADDRESS    = facts.consul_address
      }
    }
  }
}

output "inventory" {
  description = "The regions and clusters to register in the control plane, as bodies of POST /api/v1/regions and POST /api/v1/clusters."
  value = {
    regions = [
      for name in sort(keys(var.regions)) : {
        name             = name
        displayName      = name
        residencyZone    = var.regions[name].residency_zone
        consulDatacenter = local.consul_datacenters[name]
      }
    ]
    clusters = [
      for cluster in sort(keys(local.clusters)) : {
        name   = cluster
        region = local.clusters[cluster].region
      }
    ]
  }
}
