package encoding

// The encoder types describe the parameters each encoder of the data
// model reads (they are parameters of the data population itself, next
// to encoder = NAME), for listings such as netrun models; the data model
// implements the encoders. EncoderParams returns them by name.

// PoissonEncoder describes the poisson encoder.
type PoissonEncoder struct {
	MaxRate float64 `param:"max_rate" unit:"Hz" min:"0" doc:"rate of intensity 1: spike with probability v*max_rate*dt/1000 per step"`
}

// BernoulliEncoder describes the bernoulli encoder.
type BernoulliEncoder struct {
	MaxProb float64 `param:"max_prob" min:"0" max:"1" doc:"spike probability per step of intensity 1"`
}

// LatencyEncoder describes the ttfs and rank_order encoders: one spike
// per value within a window after the onset.
type LatencyEncoder struct {
	Window    float64 `param:"window" unit:"ms" min:"0" doc:"coding window; 0 for present"`
	Threshold float64 `param:"threshold" doc:"values <= threshold stay silent"`
}

// PositionEncoder describes the position (Gaussian population) encoder.
type PositionEncoder struct {
	PosNeurons int     `param:"position_neurons" min:"2" doc:"neurons per value (a trailing dimension of the shape)"`
	PosSigma   float64 `param:"position_sigma" min:"0" doc:"width of the tuning curves; 0 for 1/(position_neurons-1)"`
	MaxRate    float64 `param:"max_rate" unit:"Hz" min:"0" doc:"rate at the centre of a tuning curve"`
}

// RepeatEncoder describes the repeat encoder.
type RepeatEncoder struct {
	MaxRate float64 `param:"max_rate" unit:"Hz" min:"0" doc:"rate of intensity 1: a regular train of v*max_rate Hz"`
}

// EncoderParams returns, for every name of Encoders, a constructor of the
// type describing its parameters, with the data model's defaults.
func EncoderParams() map[string]func() any {
	d := NewData()
	latency := func() any { return &LatencyEncoder{Window: d.Window, Threshold: d.Threshold} }
	return map[string]func() any{
		"poisson":    func() any { return &PoissonEncoder{MaxRate: d.MaxRate} },
		"bernoulli":  func() any { return &BernoulliEncoder{MaxProb: d.MaxProb} },
		"ttfs":       latency,
		"rank_order": latency,
		"position": func() any {
			return &PositionEncoder{PosNeurons: d.PosNeurons, PosSigma: d.PosSigma, MaxRate: d.MaxRate}
		},
		"repeat": func() any { return &RepeatEncoder{MaxRate: d.MaxRate} },
	}
}
