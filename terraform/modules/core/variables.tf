variable "name_prefix" {
  description = "Prefix of every Helm release, namespace and Secret name, such as securewatch."
  type        = string
  default     = "securewatch"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,18}[a-z0-9])?$", var.name_prefix))
    error_message = "name_prefix must be 1 to 20 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen, such as securewatch."
  }
}

variable "environment" {
  description = "Name of the environment, such as prod or staging; it ends every namespace name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,9}$", var.environment))
    error_message = "environment must be 1 to 10 lowercase letters or digits starting with a letter, such as prod."
  }
}

variable "regions" {
  description = <<-EOT
    The regions of the platform, by region name (a DNS label such as eu-west-1). For each region:
    residency_zone, the data-residency zone its tenants' data may stay in (such as EU);
    consul_datacenter, the region's Consul datacenter (default: the region name);
    consul_address, the URL of that datacenter's Consul HTTP API, as agents and the control plane reach it;
    clusters, the names of the region's Kubernetes clusters (DNS labels, unique across all regions).
  EOT
  type = map(object({
    residency_zone    = string
    consul_datacenter = optional(string)
    consul_address    = string
    clusters          = list(string)
  }))

  validation {
    condition     = length(var.regions) > 0
    error_message = "regions must contain at least one region."
  }

  validation {
    condition     = alltrue([for name in keys(var.regions) : can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", name))])
    error_message = "Every region name must be a DNS label: lowercase letters, digits and hyphens, such as eu-west-1."
  }

  validation {
    condition     = alltrue([for region in values(var.regions) : can(regex("^[A-Z][A-Z0-9-]{0,14}[A-Z0-9]$", region.residency_zone))])
    error_message = "Every residency_zone must be 2 to 16 uppercase letters, digits or hyphens, such as EU or US-GOV."
  }

  validation {
    condition = alltrue([
      for name, region in var.regions :
      can(regex("^[a-z0-9][a-z0-9_-]{0,62}$", coalesce(region.consul_datacenter, name)))
    ])
    error_message = "Every consul_datacenter must be 1 to 63 lowercase letters, digits, hyphens or underscores, such as eu-west-1."
  }

  validation {
    condition = (
      length(distinct([for name, region in var.regions : coalesce(region.consul_datacenter, name)])) == length(var.regions)
    )
    error_message = "Every region needs a Consul datacenter of its own: two regions name the same consul_datacenter."
  }

  validation {
    condition     = alltrue([for region in values(var.regions) : can(regex("^https?://[^/\\s]+", region.consul_address))])
    error_message = "Every consul_address must be an http:// or https:// URL of the region's Consul HTTP API, such as https://consul.eu-west-1.internal:8501."
  }

  validation {
    condition     = alltrue([for region in values(var.regions) : length(region.clusters) > 0])
    error_message = "Every region must list at least one cluster."
  }

  validation {
    condition = alltrue(flatten([
      for region in values(var.regions) : [
        for cluster in region.clusters : can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", cluster))
      ]
    ]))
    error_message = "Every cluster name must be a DNS label: lowercase letters, digits and hyphens, such as eu-west-1-a."
  }

  validation {
    condition = (
      length(flatten([for region in values(var.regions) : region.clusters])) ==
      length(distinct(flatten([for region in values(var.regions) : region.clusters])))
    )
    error_message = "Cluster names must be unique across all regions, because the control plane knows each cluster by its name alone."
  }
}

variable "control_plane" {
  description = <<-EOT
    Where and how the control plane runs. region, the region whose first cluster runs the control-plane replicas
    and the console; replicas, how many control-plane replicas run (2 to 20, at least 3 recommended);
    api_hostname, the host name of the REST API and console behind the ingress; agent_hostname, the host name agents
    connect to for their gRPC streams (TLS terminated in front of the replicas); lease_seconds and
    renew_seconds, the leader lease time and renewal interval.
  EOT
  type = object({
    region         = string
    replicas       = optional(number, 3)
    api_hostname   = string
    agent_hostname = string
    lease_seconds  = optional(number, 15)
    renew_seconds  = optional(number, 5)
  })

  validation {
    condition     = contains(keys(var.regions), var.control_plane.region)
    error_message = "control_plane.region must be one of the regions' names."
  }

  validation {
    condition     = var.control_plane.replicas >= 2 && var.control_plane.replicas <= 20 && floor(var.control_plane.replicas) == var.control_plane.replicas
    error_message = "control_plane.replicas must be a whole number from 2 to 20: a single replica leaves the control plane without failover."
  }

  validation {
    condition = alltrue([
      for hostname in [var.control_plane.api_hostname, var.control_plane.agent_hostname] :
      can(regex("^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", hostname))
    ])
    error_message = "control_plane.api_hostname and agent_hostname must be fully qualified lowercase host names, such as api.securewatch.example.com."
  }

  validation {
    condition     = var.control_plane.renew_seconds >= 1 && var.control_plane.renew_seconds * 2 <= var.control_plane.lease_seconds
    error_message = "control_plane.renew_seconds must be at least 1 and at most half of lease_seconds, so that a leader renews at least twice per lease."
  }
}
