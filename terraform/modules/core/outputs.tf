output "control_plane" {
  description = "The control plane's cluster, namespace, releases, replicas, addresses, and what wires it to every region: the Consul datacenters its catalog watches and the leader lease times."
  value = {
    region    = var.control_plane.region
    cluster   = var.regions[var.control_plane.region].clusters[0]
    namespace = local.control_plane_namespace
    release   = "${var.name_prefix}-control-plane"
    console   = "${var.name_prefix}-console"
    replicas  = var.control_plane.replicas
    api_url   = "https://${var.control_plane.api_hostname}"
    api_host  = var.control_plane.api_hostname
    agent_url = local.agent_url
    catalog = {
      consul_addresses = { for name, region in var.regions : local.consul_datacenters[name] => region.consul_address }
      register_in      = local.consul_datacenters[var.control_plane.region]
    }
    leadership = {
      lease_time     = "${var.control_plane.lease_seconds}s"
      renew_interval = "${var.control_plane.renew_seconds}s"
    }
  }
}

output "agents" {
  description = "One agent per cluster, by cluster name: its region, namespace, release, registration Secret, and where it connects."
  value = {
    for cluster, facts in local.clusters : cluster => {
      cluster             = cluster
      region              = facts.region
      namespace           = local.agent_namespace
      release             = "${var.name_prefix}-agent"
      registration_secret = "${var.name_prefix}-agent-registration"
      control_plane_url   = local.agent_url
      consul_address      = facts.consul_address
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
