package figures

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TileSize is the size of one image in Heatmaps.
const TileSize = 2 * vg.Inch

// Heatmap draws one matrix as an image (see Heatmaps).
func Heatmap(path, title string, m [][]float64, signed bool) error {
	return Heatmaps(path, title, [][][]float64{m}, nil, signed)
}

// Heatmaps draws matrices (images, kernels, feature maps) side by side in
// a grid of up to ceil(sqrt(n)) columns, each TileSize square at most,
// under a common title, each tile named by its label (labels may be nil).
// Row 0 of a matrix is drawn at the top, as in an image. Unsigned tiles
// are gray from black (the tile's minimum) to white (its maximum); signed
// tiles use a diverging blue-white-red map centred on 0 and symmetric
// (±the tile's largest absolute value), for kernels whose sign matters.
func Heatmaps(path, title string, tiles [][][]float64, labels []string, signed bool) error {
	return heatmaps(path, title, tiles, labels, signed, nil)
}

// HeatmapsRange is Heatmaps in gray on one scale for every tile: black at
// lo, white at hi (values outside are clipped), so that tiles can be
// compared, e.g. kernels before and after learning.
func HeatmapsRange(path, title string, tiles [][][]float64, labels []string, lo, hi float64) error {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return fmt.Errorf("figures: heatmap range [%g, %g] is empty", lo, hi)
	}
	return heatmaps(path, title, tiles, labels, false, &[2]float64{lo, hi})
}

func heatmaps(path, title string, tiles [][][]float64, labels []string, signed bool, scale *[2]float64) error {
	if len(tiles) == 0 {
		return fmt.Errorf("figures: heatmaps with no tiles")
	}
	grids := make([]*grid, len(tiles))
	for i, m := range tiles {
		g, err := newGrid(m)
		if err != nil {
			return fmt.Errorf("figures: tile %d: %w", i, err)
		}
		grids[i] = g
	}
	cols := int(math.Ceil(math.Sqrt(float64(len(tiles)))))
	rows := (len(tiles) + cols - 1) / cols
	const titleRoom = 0.4 * vg.Inch
	width, height := TileSize*vg.Length(cols), TileSize*vg.Length(rows)+titleRoom
	img := vgimg.New(width, height)
	dc := draw.New(img)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	sty := draw.TextStyle{Color: color.Black, Font: font.From(plot.DefaultFont, 14),
		XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.DefaultTextHandler}
	dc.FillText(sty, vg.Point{X: width / 2, Y: height - 0.1*vg.Inch}, title)
	body := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{Max: vg.Point{X: width, Y: height - titleRoom}}}
	layout := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(6), PadY: vg.Points(4)}
	label := sty
	label.Font = font.From(plot.DefaultFont, 11)
	labelRoom := label.FontExtents().Height + vg.Points(2)
	for i, g := range grids {
		tile := layout.At(body, i%cols, i/cols)
		if i < len(labels) && labels[i] != "" {
			dc.FillText(label, vg.Point{X: (tile.Min.X + tile.Max.X) / 2, Y: tile.Max.Y}, labels[i])
		}
		tile.Max.Y -= labelRoom
		r := squared(tile).Rectangle
		px := int(math.Round((r.Max.X - r.Min.X).Dots(img.DPI())))
		if scale != nil {
			g.lo, g.hi = scale[0], scale[1]
		}
		dc.DrawImage(r, g.render(px, signed))
	}
	return writeAtomic(path, func(w io.Writer) error {
		_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
		return err
	})
}

// render draws the matrix as a px x px image, each cell a block of pixels
// (nearest neighbour, so cells stay sharp), row 0 at the top.
func (g *grid) render(px int, signed bool) image.Image {
	lo, hi := g.lo, g.hi
	var pal []color.Color
	if signed {
		a := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -a, a
		pal = moreland.SmoothBlueRed().Palette(255).Colors()
	} else {
		pal = make([]color.Color, 256)
		for i := range pal {
			pal[i] = color.Gray{Y: uint8(i)}
		}
	}
	if hi <= lo { // a constant tile: the middle colour
		lo, hi = lo-1, hi+1
	}
	px = max(px, 1)
	out := image.NewRGBA(image.Rect(0, 0, px, px))
	side := max(g.h, g.w)
	for y := range px {
		for x := range px {
			r, c := y*side/px, x*side/px
			if r >= g.h || c >= g.w {
				out.Set(x, y, color.White)
				continue
			}
			f := math.Min(1, math.Max(0, (g.m[r][c]-lo)/(hi-lo)))
			out.Set(x, y, pal[int(math.Round(f*float64(len(pal)-1)))])
		}
	}
	return out
}

// squared shrinks a canvas to the largest centred square, so that pixels
// stay square.
func squared(c draw.Canvas) draw.Canvas {
	w, h := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	if w > h {
		c.Min.X += (w - h) / 2
		c.Max.X = c.Min.X + h
	} else {
		c.Min.Y += (h - w) / 2
		c.Max.Y = c.Min.Y + w
	}
	return c
}

// grid is a matrix to draw, with its range.
type grid struct {
	m      [][]float64
	h, w   int
	lo, hi float64
}

func newGrid(m [][]float64) (*grid, error) {
	if len(m) == 0 || len(m[0]) == 0 {
		return nil, fmt.Errorf("empty matrix")
	}
	g := &grid{m: m, h: len(m), w: len(m[0]), lo: math.Inf(1), hi: math.Inf(-1)}
	for _, row := range m {
		if len(row) != g.w {
			return nil, fmt.Errorf("rows of different lengths")
		}
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("value %g", v)
			}
			g.lo, g.hi = math.Min(g.lo, v), math.Max(g.hi, v)
		}
	}
	return g, nil
}
