package figures

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DenseCover is the fraction of the data area that a raster's dots may
// cover before it is drawn as a rate heat map instead: beyond it the dots
// merge into a grey that shows neither single spikes nor rates.
const DenseCover = 0.3

// HeatCellSpikes is the mean number of spikes a cell of a raster's rate
// heat map holds: cells are squares of as many pixels as that takes, so
// that the rates are not lost in counting noise.
const HeatCellSpikes = 30

// RasterGroup is one population of a raster: its rows are the recorded
// neurons, Indices (nil: all N neurons), in ascending order, each labelled
// by its index in the population. Name names the group in a raster of
// several.
type RasterGroup struct {
	// Name names the group (the population) in a raster of several.
	Name string
	// N is the number of neurons of the population.
	N int
	// Indices are the recorded neurons (nil: all N): the rows.
	Indices []int
}

// RasterFigure draws a spike raster from spikes given one at a time, with
// memory that does not depend on their number: every spike is counted as
// a dot into the pixels of the plot's data area, and when the figure is
// saved the counts become an image placed into it. A pixel is fully
// coloured when its count reaches the 99th percentile of the counts of
// the pixels with any (so a sparse raster shows black dots), and lighter
// in proportion below it. When the dots would cover more than DenseCover
// of the area, the raster is drawn instead as a heat map of the firing
// rate (Hz, with a colour bar) in square cells that hold about
// HeatCellSpikes spikes on average, its colour scale ending at the 99th
// percentile of the cells' rates. Create it with NewRaster or
// NewRasterGroups, Add the spikes, then Save.
//
// The y axis shows only the recorded neurons, one row each, labelled by
// their index in the population (whole numbers); a raster of several
// groups stacks them, the first at the bottom, each in its own colour
// and named in a legend (or, as a heat map, on the axis).
type RasterFigure struct {
	p        *plot.Plot
	c        vg.CanvasWriterTo
	dc       draw.Canvas
	title    string
	w, h     int
	count    []uint32 // dots per pixel, row-major from the top
	raw      []uint32 // spikes per pixel (one pixel per spike)
	x0, y0   float64  // data coordinates of the image's left and bottom edges
	sx, sy   float64  // pixels per data unit
	scale    float64  // time unit per ms
	duration float64  // ms
	dot      []image.Point
	groups   []RasterGroup
	off      []int         // first row of each group
	rowOf    []map[int]int // neuron -> row within the group, for groups with Indices
	rows     int
}

// NewRaster prepares a raster of n neurons (0 to n-1 on the y axis) over
// time 0 to duration (ms) on the x axis, for about spikes spikes (which
// sets the dot size: smaller dots for denser rasters).
func NewRaster(title string, n int, duration float64, spikes int) (*RasterFigure, error) {
	return NewRasterGroups(title, []RasterGroup{{N: n}}, duration, spikes)
}

// NewRasterGroups prepares a raster of the groups over time 0 to duration
// (ms), for about spikes spikes in all. The time axis is in ms, or in s
// for a duration longer than LongRun.
func NewRasterGroups(title string, groups []RasterGroup, duration float64, spikes int) (*RasterFigure, error) {
	if len(groups) == 0 {
		return nil, fmt.Errorf("figures: raster of no group")
	}
	groups = slices.Clone(groups) // Indices are replaced by sorted copies
	r := &RasterFigure{title: title, groups: groups, duration: duration}
	for g, gr := range groups {
		r.off = append(r.off, r.rows)
		var m map[int]int
		rows := max(gr.N, 0)
		if gr.Indices != nil {
			ids := slices.Clone(gr.Indices)
			slices.Sort(ids)
			ids = slices.Compact(ids)
			groups[g].Indices = ids
			m = make(map[int]int, len(ids))
			for k, i := range ids {
				m[i] = k
			}
			rows = len(ids)
		}
		r.rowOf = append(r.rowOf, m)
		r.rows += rows
	}
	scale, xLabel := timeAxis(duration)
	r.scale = scale
	p := newPlot(title, xLabel, "neuron")
	if len(groups) > 1 {
		p.Y.Label.Text = ""
	}
	p.X.Min, p.X.Max = 0, math.Max(duration*scale, 1e-9)
	p.Y.Min, p.Y.Max = -0.5, float64(max(r.rows, 1))-0.5
	p.Y.Tick.Marker = rowTicks{r}
	sanitize(p)
	r.p = p
	c, err := draw.NewFormattedCanvas(Width, Height, "png")
	if err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	r.c, r.dc = c, draw.New(c)
	// The legend of several groups takes room on the right; the pixels
	// are those of the data area, so that a dot stays round.
	da := p.DataCanvas(draw.Crop(r.dc, 0, -r.rightRoom(false), 0, 0))
	trX, trY := p.Transforms(&da)
	w := int(math.Round((trX(p.X.Max) - trX(p.X.Min)).Dots(dpi)))
	h := int(math.Round((trY(p.Y.Max) - trY(p.Y.Min)).Dots(dpi)))
	r.w, r.h = max(w, 1), max(h, 1)
	r.count, r.raw = make([]uint32, r.w*r.h), make([]uint32, r.w*r.h)
	r.x0, r.y0 = p.X.Min, p.Y.Min
	r.sx, r.sy = float64(r.w)/(p.X.Max-p.X.Min), float64(r.h)/(p.Y.Max-p.Y.Min)
	// The dot: radius 0.4 to 1.2 pt, smaller for denser rasters.
	rad := math.Max(0.4, math.Min(1.2, 30/math.Sqrt(float64(max(spikes, 1))))) * dpi / 72
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			if float64(dx*dx+dy*dy) <= rad*rad || (dx == 0 && dy == 0) {
				r.dot = append(r.dot, image.Point{X: dx, Y: dy})
			}
		}
	}
	return r, nil
}

// rightRoom is the width kept on the right of the plot: for the legend
// of several groups, and for a heat map's colour bar if dense (the pixel
// grid is that of the dots; a heat map's cells are drawn into the
// narrower area).
func (r *RasterFigure) rightRoom(dense bool) vg.Length {
	room := r.legend().width()
	if dense {
		room = max(room, colorBarWidth)
	}
	return room
}

// legend names the groups of a raster of several in their colours.
func (r *RasterFigure) legend() *legendBox {
	l := newLegendBox()
	if len(r.groups) > 1 {
		for g, gr := range r.groups {
			l.add(gr.Name, swatch{r.color(g)})
		}
	}
	return l
}

// color is the colour of group g: black for a raster of one group.
func (r *RasterFigure) color(g int) color.Color {
	if len(r.groups) == 1 {
		return color.Black
	}
	return plotutil.Color(g)
}

// Add draws the spike of neuron at time t (ms) into a raster of one
// group (the first). Spikes outside the axes, or of neurons not
// recorded, are left out.
func (r *RasterFigure) Add(t float64, neuron int) { r.AddTo(0, t, neuron) }

// AddTo draws the spike of neuron (its index in its population) of group
// g at time t (ms).
func (r *RasterFigure) AddTo(g int, t float64, neuron int) {
	if g < 0 || g >= len(r.groups) {
		return
	}
	row := neuron
	if m := r.rowOf[g]; m != nil {
		k, ok := m[neuron]
		if !ok {
			return
		}
		row = k
	} else if neuron < 0 || neuron >= r.groups[g].N {
		return
	}
	row += r.off[g]
	fx := (t*r.scale - r.x0) * r.sx
	if !(fx >= 0 && fx <= float64(r.w)) {
		return // outside the axes, or NaN
	}
	x := min(int(fx), r.w-1) // a spike at the very end of the axis is in the last column
	y := min(max(r.h-1-int((float64(row)-r.y0)*r.sy), 0), r.h-1)
	if c := &r.raw[y*r.w+x]; *c < math.MaxUint32 {
		*c++
	}
	for _, d := range r.dot {
		if px, py := x+d.X, y+d.Y; px >= 0 && px < r.w && py >= 0 && py < r.h {
			if c := &r.count[py*r.w+px]; *c < math.MaxUint32 {
				*c++
			}
		}
	}
}

// groupOfPixelRow returns the group whose rows the pixel row y (from the
// top) shows.
func (r *RasterFigure) groupOfPixelRow(y int) int {
	row := (float64(r.h-y)-0.5)/r.sy + r.y0
	g := 0
	for k, off := range r.off {
		if row >= float64(off)-0.5 {
			g = k
		}
	}
	return g
}

// Dense reports whether the raster is drawn as a rate heat map: its dots
// cover more than DenseCover of the data area.
func (r *RasterFigure) Dense() bool {
	covered := 0
	for _, c := range r.count {
		if c > 0 {
			covered++
		}
	}
	return float64(covered) > DenseCover*float64(len(r.count))
}

// image returns the raster's dots: each pixel in its group's colour,
// opaque in proportion to its count up to the 99th percentile of the
// group's non-zero counts.
func (r *RasterFigure) image() *image.RGBA {
	pixGroup := make([]int, r.h)
	for y := range pixGroup {
		pixGroup[y] = r.groupOfPixelRow(y)
	}
	ref := make([]float64, len(r.groups))
	for g := range r.groups {
		var nonzero []uint32
		for y := range r.h {
			if pixGroup[y] != g {
				continue
			}
			for _, c := range r.count[y*r.w : (y+1)*r.w] {
				if c > 0 {
					nonzero = append(nonzero, c)
				}
			}
		}
		ref[g] = 1
		if len(nonzero) > 0 {
			slices.Sort(nonzero)
			ref[g] = math.Max(1, float64(nonzero[(len(nonzero)-1)*99/100]))
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, r.w, r.h))
	for i, c := range r.count {
		if c == 0 {
			continue
		}
		g := pixGroup[i/r.w]
		cr, cg, cb, _ := r.color(g).RGBA()
		a := math.Min(1, float64(c)/ref[g])
		// Premultiplied alpha.
		img.Pix[4*i+0] = uint8(math.Round(float64(cr>>8) * a))
		img.Pix[4*i+1] = uint8(math.Round(float64(cg>>8) * a))
		img.Pix[4*i+2] = uint8(math.Round(float64(cb>>8) * a))
		img.Pix[4*i+3] = uint8(math.Round(255 * a))
	}
	return img
}

// heatmap returns the raster as firing rates (Hz) in
// square cells (within a group) of about HeatCellSpikes spikes on
// average, and the 99th percentile of the cells' rates.
func (r *RasterFigure) heatmap() (rates []float64, hi float64) {
	total := 0.0
	for _, c := range r.raw {
		total += float64(c)
	}
	// Square cells of about HeatCellSpikes spikes on average, at most 32
	// pixels a side.
	side := int(min(32, max(1, math.Ceil(math.Sqrt(HeatCellSpikes*float64(len(r.raw))/math.Max(total, 1))))))
	msPerCol := r.duration / float64(r.w)
	rowsPerPix := 1 / r.sy
	rates = make([]float64, len(r.raw))
	var cells []float64
	for x0 := 0; x0 < r.w; x0 += side {
		x1 := min(x0+side, r.w)
		for y0 := 0; y0 < r.h; {
			g := r.groupOfPixelRow(y0)
			y1 := y0
			n := 0.0
			for y1 < r.h && y1 < y0+side && r.groupOfPixelRow(y1) == g {
				for _, c := range r.raw[y1*r.w+x0 : y1*r.w+x1] {
					n += float64(c)
				}
				y1++
			}
			hz := n / (float64(y1-y0) * rowsPerPix) / (float64(x1-x0) * msPerCol / 1000)
			for y := y0; y < y1; y++ {
				for x := x0; x < x1; x++ {
					rates[y*r.w+x] = hz
				}
			}
			cells = append(cells, hz)
			y0 = y1
		}
	}
	slices.Sort(cells)
	return rates, cells[(len(cells)-1)*99/100]
}

// Save draws the figure to path as a PNG, atomically, within
// RenderTimeout.
func (r *RasterFigure) Save(path string) error {
	return render(path, RenderTimeout, func() (io.WriterTo, error) {
		dense := r.Dense()
		room := r.rightRoom(dense)
		if !dense {
			r.p.Add(plotter.NewImage(r.image(), r.p.X.Min, r.p.Y.Min, r.p.X.Max, r.p.Y.Max))
			r.p.Draw(draw.Crop(r.dc, 0, -room, 0, 0))
			r.legend().draw(r.dc, titleHeight(r.p))
			return r.c, nil
		}
		rates, hi := r.heatmap()
		lo, top := safeRange(0, math.Max(hi, 1))
		cmap := moreland.ExtendedBlackBody()
		cmap.SetMin(lo)
		cmap.SetMax(top)
		pal := cmap.Palette(256).Colors()
		img := image.NewRGBA(image.Rect(0, 0, r.w, r.h))
		for i, hz := range rates {
			f := math.Min(1, math.Max(0, (hz-lo)/(top-lo)))
			img.Set(i%r.w, i/r.w, pal[int(math.Round(f*255))])
		}
		r.p.Title.Text = r.title + " (rate heat map)"
		r.p.Add(plotter.NewImage(img, r.p.X.Min, r.p.Y.Min, r.p.X.Max, r.p.Y.Max))
		// Lines between the groups.
		for _, off := range r.off[1:] {
			y := float64(off) - 0.5
			l, err := plotter.NewLine(plotter.XYs{{X: r.p.X.Min, Y: y}, {X: r.p.X.Max, Y: y}})
			if err == nil {
				l.Color = color.White
				r.p.Add(l)
			}
		}
		r.p.Draw(draw.Crop(r.dc, 0, -room, 0, 0))
		bar := plot.New()
		bar.Add(&plotter.ColorBar{ColorMap: cmap, Vertical: true})
		bar.HideX()
		bar.Y.Label.Text = "rate (Hz)"
		bar.Y.Tick.Marker = plainTicks{}
		bar.Y.Padding = 0
		bar.Title.Text = " "
		bar.Title.TextStyle = r.p.Title.TextStyle
		bar.Draw(draw.Crop(r.dc, Width-colorBarWidth+vg.Points(6), 0, 0, 0))
		return r.c, nil
	})
}

// rowTicks label a raster's rows: by neuron index for one group (every
// row when there are few, else whole numbers 1, 2 or 5 times a power of
// ten apart), by group name at the middle of each group's rows for
// several.
type rowTicks struct{ r *RasterFigure }

func (t rowTicks) Ticks(lo, hi float64) []plot.Tick {
	r := t.r
	if len(r.groups) > 1 {
		var ticks []plot.Tick
		for g, gr := range r.groups {
			end := r.rows
			if g+1 < len(r.off) {
				end = r.off[g+1]
			}
			ticks = append(ticks, plot.Tick{Value: float64(r.off[g]+end-1) / 2, Label: gr.Name})
			if g > 0 {
				ticks = append(ticks, plot.Tick{Value: float64(r.off[g]) - 0.5})
			}
		}
		return ticks
	}
	ids := r.groups[0].Indices
	label := func(row int) string {
		if ids != nil {
			return strconv.Itoa(ids[row])
		}
		return strconv.Itoa(row)
	}
	var ticks []plot.Tick
	if r.rows <= 12 {
		for row := range r.rows {
			ticks = append(ticks, plot.Tick{Value: float64(row), Label: label(row)})
		}
		return ticks
	}
	if ids == nil {
		return indexTicks{}.Ticks(lo, hi)
	}
	// A subset: about 8 rows, evenly spread, each labelled with its index.
	step := max(1, (r.rows-1)/8)
	for row := 0; row < r.rows; row += step {
		ticks = append(ticks, plot.Tick{Value: float64(row), Label: label(row)})
	}
	return ticks
}

// swatch is a legend thumbnail: a filled square of one colour.
type swatch struct{ c color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	c.SetColor(s.c)
	c.Fill(c.Rectangle.Path())
}
