output "api_url" {
  description = "The address of the REST API and the console."
  value       = var.control_plane.api_url
}

output "release_status" {
  description = "The status of the control-plane and console releases."
  value = {
    control_plane = helm_release.control_plane.status
    console       = helm_release.console.status
  }
}
