# Plans the core module with three regions, then with one bad input at a time. Runs offline: the module has no
# provider.

variables {
  environment = "prod"
  regions = {
    "us-east-1" = {
      residency_zone = "US"
      consul_address = "https://consul.us-east-1.internal:8501"
      clusters       = ["us-east-1-a"]
    }
    "eu-west-1" = {
      residency_zone = "EU"
      consul_address = "https://consul.eu-west-1.internal:8501"
      clusters       = ["eu-west-1-a", "eu-west-1-b"]
    }
    "eu-central-1" = {
      residency_zone    = "EU"
      consul_datacenter = "fra"
      consul_address    = "https://consul.eu-central-1.internal:8501"
      clusters          = ["eu-central-1-a"]
    }
  }
  control_plane = {
    region         = "eu-west-1"
    api_hostname   = "api.securewatch.example.com"
    agent_hostname = "agents.securewatch.example.com"
  }
}

run "three_regions_wire_every_agent_to_the_control_plane" {
  command = plan

  assert {
    condition     = length(output.agents) == 4
    error_message = "Expected one agent for each of the four clusters."
  }

  assert {
    condition     = alltrue([for agent in values(output.agents) : agent.control_plane_url == "https://agents.securewatch.example.com:443"])
    error_message = "Every agent must connect to the agent host name."
  }

  assert {
    condition     = output.agents["eu-central-1-a"].consul_address == "https://consul.eu-central-1.internal:8501"
    error_message = "An agent must register in its own region's Consul."
  }

  assert {
    condition     = output.agents["eu-west-1-b"].region == "eu-west-1" && output.agents["eu-west-1-b"].namespace == "securewatch-agent-prod"
    error_message = "An agent must know its region and run in the agents' namespace."
  }
}

run "control_plane_watches_every_region" {
  command = plan

  assert {
    condition = output.control_plane.catalog.consul_addresses == {
      "fra"       = "https://consul.eu-central-1.internal:8501"
      "eu-west-1" = "https://consul.eu-west-1.internal:8501"
      "us-east-1" = "https://consul.us-east-1.internal:8501"
    }
    error_message = "The catalog must watch each region's Consul datacenter."
  }

  assert {
    condition     = output.control_plane.catalog.register_in == "eu-west-1"
    error_message = "The control plane must register in its own region's datacenter."
  }

  assert {
    condition     = output.control_plane.cluster == "eu-west-1-a" && output.control_plane.replicas == 3
    error_message = "The control plane must run 3 replicas in its region's first cluster by default."
  }

  assert {
    condition     = output.control_plane.leadership == { lease_time = "15s", renew_interval = "5s" }
    error_message = "The leader lease must default to 15 s with renewals every 5 s."
  }
}

run "inventory_lists_regions_and_clusters_for_the_api" {
  command = plan

  assert {
    condition     = [for region in output.inventory.regions : region.name] == ["eu-central-1", "eu-west-1", "us-east-1"]
    error_message = "Regions must be listed in name order."
  }

  assert {
    condition     = output.inventory.regions[0].consulDatacenter == "fra" && output.inventory.regions[0].residencyZone == "EU"
    error_message = "A region's body must carry its residency zone and Consul datacenter."
  }

  assert {
    condition     = length(output.inventory.clusters) == 4 && output.inventory.clusters[0] == { name = "eu-central-1-a", region = "eu-central-1" }
    error_message = "Clusters must be listed in name order with their region."
  }
}

run "unknown_control_plane_region_is_rejected" {
  command = plan

  variables {
    control_plane = {
      region         = "ap-south-1"
      api_hostname   = "api.securewatch.example.com"
      agent_hostname = "agents.securewatch.example.com"
    }
  }

  expect_failures = [var.control_plane]
}

run "single_replica_is_rejected" {
  command = plan

  variables {
    control_plane = {
      region         = "eu-west-1"
      replicas       = 1
      api_hostname   = "api.securewatch.example.com"
      agent_hostname = "agents.securewatch.example.com"
    }
  }

  expect_failures = [var.control_plane]
}

run "renewal_slower_than_half_the_lease_is_rejected" {
  command = plan

  variables {
    control_plane = {
      region         = "eu-west-1"
      api_hostname   = "api.securewatch.example.com"
      agent_hostname = "agents.securewatch.example.com"
      lease_seconds  = 10
      renew_seconds  = 6
    }
  }

  expect_failures = [var.control_plane]
}

run "cluster_in_two_regions_is_rejected" {
  command = plan

  variables {
    regions = {
      "eu-west-1" = {
        residency_zone = "EU"
        consul_address = "https://consul.eu-west-1.internal:8501"
        clusters       = ["shared"]
      }
      "us-east-1" = {
        residency_zone = "US"
        consul_address = "https://consul.us-east-1.internal:8501"
        clusters       = ["shared"]
      }
    }
  }

  expect_failures = [var.regions]
}

run "shared_consul_datacenter_is_rejected" {
  command = plan

  variables {
    regions = {
      "eu-west-1" = {
        residency_zone    = "EU"
        consul_datacenter = "eu"
        consul_address    = "https://consul.eu-west-1.internal:8501"
        clusters          = ["eu-west-1-a"]
      }
      "eu-central-1" = {
        residency_zone    = "EU"
        consul_datacenter = "eu"
        consul_address    = "https://consul.eu-central-1.internal:8501"
        clusters          = ["eu-central-1-a"]
      }
    }
  }

  expect_failures = [var.regions]
}

run "lowercase_residency_zone_is_rejected" {
  command = plan

  variables {
    regions = {
      "eu-west-1" = {
        residency_zone = "eu"
        consul_address = "https://consul.eu-west-1.internal:8501"
        clusters       = ["eu-west-1-a"]
      }
    }
  }

  expect_failures = [var.regions]
}

run "region_without_clusters_is_rejected" {
  command = plan

  variables {
    regions = {
      "eu-west-1" = {
        residency_zone = "EU"
        consul_address = "https://consul.eu-west-1.internal:8501"
        clusters       = []
      }
    }
  }

  expect_failures = [var.regions]
}

run "consul_address_without_scheme_is_rejected" {
  command = plan

  variables {
    regions = {
      "eu-west-1" = {
        residency_zone = "EU"
        consul_address = "consul.eu-west-1.internal:8501"
        clusters       = ["eu-west-1-a"]
      }
    }
  }

  expect_failures = [var.regions]
}

run "environment_with_uppercase_is_rejected" {
  command = plan

  variables {
    environment = "Prod"
  }

  expect_failures = [var.environment]
}
