# The platform's layout as plain values: names, and the settings that wire each region's agents and Consul to the
# control plane. Nothing here talks to a cluster, so the module plans and tests without any provider.

locals {
  control_plane_namespace = "${var.name_prefix}-${var.environment}"
  agent_namespace         = "${var.name_prefix}-agent-${var.environment}"

  consul_datacenters = { for name, region in var.regions : name => coalesce(region.consul_datacenter, name) }

  agent_url = "https://${var.control_plane.agent_hostname}:443"

  clusters = merge([
    for region_name, region in var.regions : {
      for cluster in region.clusters : cluster => {
        region            = region_name
        residency_zone    = region.residency_zone
        consul_datacenter = local.consul_datacenters[region_name]
        consul_address    = region.consul_address
      }
    }
  ]...)
}
