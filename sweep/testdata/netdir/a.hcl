variable "g" {
  default = 1
}
