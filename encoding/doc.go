// Package encoding turns data into spikes: it reads samples (images and
// arrays), filters them (difference of Gaussians, Gabor), and presents
// them to the network through the data population model (kind "data").
// Its Encoder turns the intensities into spikes: the built-in encoders
// are poisson, bernoulli, rank_order, ttfs, position and repeat (see Data
// for their equations), and any type implementing Encoder can be
// registered as a component (package component) and selected by name.
//
// A data population takes its shape from its samples: a grayscale image
// of 28 x 28 pixels gives a population of shape [28, 28], a [h, w, c]
// array one of shape [h, w, c]. In the network language:
//
//	population "img" {
//	  model   = "data"
//	  source  = "digits"        # a directory of 3_x.png files
//	  encoder = "ttfs"
//	  present = 50              # ms
//	  rest    = 20
//	  epochs  = 2
//	  shuffle = true
//	}
//
// Register adds the model to a neurons.Registry; netrun and the network
// language register it by default.
package encoding
