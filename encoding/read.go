package encoding

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"image"
	"image/color"
	_ "image/gif"  // register the GIF decoder with image.Decode
	_ "image/jpeg" // register the JPEG decoder with image.Decode
	_ "image/png"  // register the PNG decoder with image.Decode
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/synapticflow/synapticflow-go/npy"
)

// Sample is one data sample: an array of values in row-major order, its
// shape, and its label.
type Sample struct {
	// Name says where the sample came from: its file (relative to the
	// source directory), with "[i]" for the i-th sample of a stacked file.
	Name string
	// Shape is the array's shape, e.g. [28, 28] for a grayscale image.
	Shape []int
	// Data holds the values in row-major order.
	Data []float64
	// Label is the sample's class, or -1 if it has none.
	Label int
}

// imageExts and arrayExts are the file types a source may hold.
var (
	imageExts = []string{".png", ".jpg", ".jpeg", ".gif", ".pgm"}
	arrayExts = []string{".npy", ".csv"}
)

func isSampleFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return slices.Contains(imageExts, ext) || slices.Contains(arrayExts, ext)
}

// maxImagePixels is the largest image ReadImage reads, 2^26 pixels (for
// example 8192 x 8192): as float64 values, 512 MiB. Image decoders
// allocate the whole image from the size its header claims, so a larger
// claim is refused before decoding.
const maxImagePixels = MaxPixels

// ReadImage reads a PNG, JPEG, GIF or PGM (P2 or P5) image as a grayscale
// sample of shape [height, width] with values in [0, 1]: 0 is black, 1
// white. Colour images are converted to gray with the ITU-R BT.601 luma
// weights (0.299 R + 0.587 G + 0.114 B) of Go's color.Gray16Model. Images
// of more than 2^26 pixels (8192 x 8192) are refused.
func ReadImage(path string) (Sample, error) {
	f, err := OpenData(path, MaxFileBytes)
	if err != nil {
		return Sample{}, err
	}
	defer f.Close()
	s, err := readImage(f, strings.EqualFold(filepath.Ext(path), ".pgm"), maxImagePixels)
	if err != nil {
		return Sample{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// readImage reads an image from r (a PGM image if pgm is set, else one
// image.Decode knows) of at most maxPixels pixels.
func readImage(r io.Reader, pgm bool, maxPixels int) (Sample, error) {
	br := bufio.NewReader(r)
	if pgm {
		return readPGM(br, maxPixels)
	}
	// Read the size first: a small file may announce a huge image. The
	// bytes DecodeConfig consumed are replayed to Decode (r need not seek).
	var head bytes.Buffer
	cfg, _, err := image.DecodeConfig(io.TeeReader(br, &head))
	if err != nil {
		return Sample{}, err
	}
	if err := checkPixels(cfg.Width, cfg.Height, maxPixels); err != nil {
		return Sample{}, err
	}
	img, _, err := image.Decode(io.MultiReader(&head, br))
	if err != nil {
		return Sample{}, err
	}
	b := img.Bounds()
	h, w := b.Dy(), b.Dx()
	if err := checkPixels(w, h, maxPixels); err != nil {
		return Sample{}, err
	}
	data := make([]float64, h*w)
	for y := range h {
		for x := range w {
			g := color.Gray16Model.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray16)
			data[y*w+x] = float64(g.Y) / 0xffff
		}
	}
	return Sample{Shape: []int{h, w}, Data: data, Label: -1}, nil
}

// checkPixels returns an error unless an image of w x h pixels has at
// most maxPixels pixels (without overflowing).
func checkPixels(w, h, maxPixels int) error {
	if w < 0 || h < 0 || (h > 0 && w > maxPixels/h) {
		return fmt.Errorf("image of %d x %d pixels is larger than the limit of %d pixels", w, h, maxPixels)
	}
	return nil
}

// readPGM reads a portable graymap: "P2" (ASCII) or "P5" (binary, one or
// two bytes per pixel, most significant byte first), with # comments in
// the header. Values are divided by the maximum value of the header.
// Images of more than maxPixels pixels are refused, and memory grows with
// the pixels actually read, not with the size the header claims.
func readPGM(r *bufio.Reader, maxPixels int) (Sample, error) {
	var fields []int
	magic := ""
	// token reads the next whitespace-separated header token.
	token := func() (string, error) {
		var sb strings.Builder
		for {
			c, err := r.ReadByte()
			if err != nil {
				if err == io.EOF && sb.Len() > 0 {
					return sb.String(), nil
				}
				return "", err
			}
			switch {
			case c == '#' && sb.Len() == 0:
				if _, err := r.ReadString('\n'); err != nil {
					return "", err
				}
			case c == ' ' || c == '\t' || c == '\n' || c == '\r':
				if sb.Len() > 0 {
					return sb.String(), nil
				}
			default:
				sb.WriteByte(c)
			}
		}
	}
	tok, err := token()
	if err != nil {
		return Sample{}, fmt.Errorf("pgm header: %w", err)
	}
	magic = tok
	if magic != "P2" && magic != "P5" {
		return Sample{}, fmt.Errorf("not a PGM image (magic %q, want P2 or P5)", magic)
	}
	for len(fields) < 3 {
		tok, err := token()
		if err != nil {
			return Sample{}, fmt.Errorf("pgm header: %w", err)
		}
		v, err := strconv.Atoi(tok)
		if err != nil || v <= 0 {
			return Sample{}, fmt.Errorf("pgm header: %q is not a positive integer", tok)
		}
		fields = append(fields, v)
	}
	w, h, maxVal := fields[0], fields[1], fields[2]
	if maxVal > 65535 {
		return Sample{}, fmt.Errorf("pgm maximum value %d exceeds 65535", maxVal)
	}
	if err := checkPixels(w, h, maxPixels); err != nil {
		return Sample{}, fmt.Errorf("pgm: %w", err)
	}
	const chunk = 1 << 16
	n := w * h
	data := make([]float64, 0, min(n, chunk))
	if magic == "P2" {
		for i := range n {
			tok, err := token()
			if err != nil {
				return Sample{}, fmt.Errorf("pgm pixel %d: %w", i, err)
			}
			v, err := strconv.Atoi(tok)
			if err != nil || v < 0 || v > maxVal {
				return Sample{}, fmt.Errorf("pgm pixel %d: %q is not in [0, %d]", i, tok, maxVal)
			}
			data = append(data, float64(v)/float64(maxVal))
		}
	} else {
		// The single whitespace byte after maxval was consumed by token.
		bytesPer := 1
		if maxVal > 255 {
			bytesPer = 2
		}
		buf := make([]byte, min(n, chunk)*bytesPer)
		for len(data) < n {
			m := min(n-len(data), chunk)
			if _, err := io.ReadFull(r, buf[:m*bytesPer]); err != nil {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return Sample{}, fmt.Errorf("pgm pixels: %w", err)
			}
			for i := range m {
				v := int(buf[i])
				if bytesPer == 2 {
					v = int(buf[2*i])<<8 | int(buf[2*i+1])
				}
				data = append(data, float64(min(v, maxVal))/float64(maxVal))
			}
		}
	}
	return Sample{Shape: []int{h, w}, Data: data, Label: -1}, nil
}

// ReadArray reads an array of numbers from a .npy file (any shape) or a
// CSV file (rows of comma-separated numbers, shape [rows, columns]; a
// first row that is not numeric is a header and is skipped).
func ReadArray(path string) (shape []int, data []float64, err error) {
	if strings.EqualFold(filepath.Ext(path), ".npy") {
		return npy.ReadFile(path)
	}
	rows, cols, data, err := ReadCSV(path)
	if err != nil {
		return nil, nil, err
	}
	if rows == 0 {
		return nil, nil, fmt.Errorf("%s holds no numbers", path)
	}
	return []int{rows, cols}, data, nil
}

// ReadFile reads the samples of one file: an image (see ReadImage) or an
// array (see ReadArray). If stacked is set, the array's first axis
// indexes samples: a file of shape [n, ...] gives n samples of shape
// [...] (a CSV file gives one sample per row). The label comes from the
// file name (see LabelOf).
func ReadFile(path string, stacked bool) ([]Sample, error) {
	ext := strings.ToLower(filepath.Ext(path))
	label := LabelOf(filepath.Base(path))
	if slices.Contains(imageExts, ext) {
		s, err := ReadImage(path)
		if err != nil {
			return nil, err
		}
		s.Name, s.Label = filepath.Base(path), label
		return []Sample{s}, nil
	}
	if !slices.Contains(arrayExts, ext) {
		return nil, fmt.Errorf("%s: unknown sample type %q (want one of %s)", path, ext, strings.Join(append(append([]string{}, imageExts...), arrayExts...), ", "))
	}
	shape, data, err := ReadArray(path)
	if err != nil {
		return nil, err
	}
	if !stacked {
		return []Sample{{Name: filepath.Base(path), Shape: shape, Data: data, Label: label}}, nil
	}
	if len(shape) < 2 {
		return nil, fmt.Errorf("%s: a stacked file needs at least 2 dimensions (samples first), have shape %v", path, shape)
	}
	n, size := shape[0], len(data)/max(shape[0], 1)
	out := make([]Sample, n)
	for i := range out {
		out[i] = Sample{
			Name:  fmt.Sprintf("%s[%d]", filepath.Base(path), i),
			Shape: slices.Clone(shape[1:]),
			Data:  data[i*size : (i+1)*size : (i+1)*size],
			Label: -1,
		}
	}
	return out, nil
}

// LabelOf returns the label a file name gives: the integer it starts
// with, up to the first '_', '-' or '.' ("3_foo.png", "3-a.png" and
// "3.png" have label 3), or -1.
func LabelOf(name string) int {
	i := strings.IndexAny(name, "_-.")
	if i < 0 {
		i = len(name)
	}
	v, err := strconv.Atoi(name[:i])
	if err != nil || v < 0 {
		return -1
	}
	return v
}

// Load reads the samples of source:
//
//   - a file: its samples (see ReadFile);
//   - a directory: every sample file in it, in name order; if it has
//     subdirectories, each is a class holding that class's samples
//     (label: the directory name if it is an integer, else the
//     directory's position in name order), with files directly in the
//     directory keeping the labels of their names;
//   - a glob pattern such as "bars/*.png": the matching files in name
//     order.
//
// Labels come from the file names (see LabelOf) unless labels names a
// CSV file (relative paths are taken as they are): either rows of
// "file,label", the file given as a path relative to the source
// directory or as a base name, or one label per row, in sample order.
func Load(source, labels string, stacked bool) ([]Sample, error) {
	files, dirLabels, root, err := sampleFiles(source)
	if err != nil {
		return nil, err
	}
	var out []Sample
	for i, f := range files {
		ss, err := ReadFile(f, stacked)
		if err != nil {
			return nil, err
		}
		for j := range ss {
			if rel, err := filepath.Rel(root, f); err == nil && !stacked {
				ss[j].Name = filepath.ToSlash(rel)
			}
			if dirLabels[i] >= 0 {
				ss[j].Label = dirLabels[i]
			}
		}
		out = append(out, ss...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no samples", source)
	}
	if labels != "" {
		if err := applyLabels(out, labels); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sampleFiles lists the sample files of source with the label their
// directory gives (-1 for none) and the directory names are relative to.
func sampleFiles(source string) (files []string, labels []int, root string, err error) {
	if strings.ContainsAny(source, "*?[") {
		matches, err := filepath.Glob(source)
		if err != nil {
			return nil, nil, "", fmt.Errorf("pattern %q: %w", source, err)
		}
		slices.Sort(matches)
		for _, m := range matches {
			if isSampleFile(m) {
				files, labels = append(files, m), append(labels, -1)
			}
		}
		if len(files) == 0 {
			return nil, nil, "", fmt.Errorf("pattern %q matches no sample files", source)
		}
		return files, labels, filepath.Dir(source), nil
	}
	info, err := os.Stat(source)
	if err != nil {
		return nil, nil, "", err
	}
	if !info.IsDir() {
		return []string{source}, []int{-1}, filepath.Dir(source), nil
	}
	entries, err := os.ReadDir(source)
	if err != nil {
		return nil, nil, "", err
	}
	// os.ReadDir returns entries sorted by name.
	var classes []string
	for _, e := range entries {
		switch {
		case e.IsDir():
			classes = append(classes, e.Name())
		case isSampleFile(e.Name()):
			files, labels = append(files, filepath.Join(source, e.Name())), append(labels, -1)
		}
	}
	for c, name := range classes {
		label := c
		if v, err := strconv.Atoi(name); err == nil && v >= 0 {
			label = v
		}
		sub, err := os.ReadDir(filepath.Join(source, name))
		if err != nil {
			return nil, nil, "", err
		}
		for _, e := range sub {
			if !e.IsDir() && isSampleFile(e.Name()) {
				files, labels = append(files, filepath.Join(source, name, e.Name())), append(labels, label)
			}
		}
	}
	if len(files) == 0 {
		return nil, nil, "", fmt.Errorf("directory %s holds no sample files (%s)", source, strings.Join(append(append([]string{}, imageExts...), arrayExts...), ", "))
	}
	return files, labels, source, nil
}

// applyLabels sets the labels of samples from a labels CSV file.
func applyLabels(samples []Sample, path string) error {
	f, err := OpenData(path, MaxFileBytes)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	byName := make(map[string]int)
	var inOrder []int
	for i, rec := range records {
		last := strings.TrimSpace(rec[len(rec)-1])
		v, err := strconv.Atoi(last)
		if err != nil {
			if i == 0 {
				continue // header
			}
			return fmt.Errorf("%s:%d: label %q is not an integer", path, i+1, last)
		}
		switch len(rec) {
		case 1:
			inOrder = append(inOrder, v)
		case 2:
			byName[filepath.ToSlash(strings.TrimSpace(rec[0]))] = v
		default:
			return fmt.Errorf("%s:%d: want \"file,label\" or \"label\", have %d fields", path, i+1, len(rec))
		}
	}
	if len(inOrder) > 0 && len(byName) > 0 {
		return fmt.Errorf("%s mixes \"file,label\" rows and bare labels", path)
	}
	if len(byName) == 0 {
		if len(inOrder) != len(samples) {
			return fmt.Errorf("%s has %d labels for %d samples", path, len(inOrder), len(samples))
		}
		for i := range samples {
			samples[i].Label = inOrder[i]
		}
		return nil
	}
	for i, s := range samples {
		v, ok := byName[s.Name]
		if !ok {
			v, ok = byName[filepath.Base(s.Name)]
		}
		if !ok {
			return fmt.Errorf("%s has no label for sample %s", path, s.Name)
		}
		samples[i].Label = v
	}
	return nil
}
