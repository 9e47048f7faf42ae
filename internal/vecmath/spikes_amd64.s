//go:build !purego

#include "textflag.h"

// DATA for the kernels of spikes.go: 1.0
DATA ·one+0(SB)/8, $0x3ff0000000000000
GLOBL ·one(SB), RODATA|NOPTR, $8

// func thresholdAVX512(spk *bool, v *float64, ref *bool, n int, c float64, ge bool) bool
// spk[i] = (v[i] > c || ge && v[i] == c) && !ref[i] (no ref if nil), for
// n (a multiple of 8) elements; returns whether any spk[i] is set.
TEXT ·thresholdAVX512(SB), NOSPLIT, $0-49
	MOVQ spk+0(FP), DI
	MOVQ v+8(FP), SI
	MOVQ ref+16(FP), DX
	MOVQ n+24(FP), CX
	VBROADCASTSD c+32(FP), Z14
	MOVBQZX ge+40(FP), AX
	NEGQ AX
	KMOVW AX, K6 // all lanes if ge, none otherwise
	KXORW K4, K4, K4 // any spike

thrLoop:
	CMPQ CX, $8
	JLT  thrDone
	VMOVUPD (SI), Z0
	VCMPPD $0x1e, Z14, Z0, K1 // v > c (ordered, quiet)
	VCMPPD $0x00, Z14, Z0, K6, K5 // v == c where ge
	KORW K5, K1, K1
	TESTQ DX, DX
	JZ   thrNoRef
	VMOVQ (DX), X2
	VPTESTMB X2, X2, K2 // refractory lanes
	KANDNW K1, K2, K1
	ADDQ $8, DX

thrNoRef:
	KORW K1, K4, K4
	VPMOVM2B K1, X3
	VPABSB X3, X3 // 0xff -> 1
	VMOVQ X3, (DI)
	ADDQ $8, DI
	ADDQ $64, SI
	SUBQ $8, CX
	JMP  thrLoop

thrDone:
	KMOVW K4, AX
	TESTL AX, AX
	SETNE ret+48(FP)
	VZEROUPPER
	RET

// func countdownAVX512(ref *bool, rc *float64, n int)
// ref[i] = rc[i] > 0, and rc[i]-- where it is, for n (a multiple of 8)
// elements.
TEXT ·countdownAVX512(SB), NOSPLIT, $0-24
	MOVQ ref+0(FP), DI
	MOVQ rc+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSD ·one(SB), Z15
	VPXORQ Z13, Z13, Z13

cdLoop:
	CMPQ CX, $8
	JLT  cdDone
	VMOVUPD (SI), Z0
	VCMPPD $0x1e, Z13, Z0, K1 // rc > 0
	VSUBPD Z15, Z0, K1, Z0 // rc - 1 where rc > 0
	VMOVUPD Z0, (SI)
	VPMOVM2B K1, X3
	VPABSB X3, X3
	VMOVQ X3, (DI)
	ADDQ $8, DI
	ADDQ $64, SI
	SUBQ $8, CX
	JMP  cdLoop

cdDone:
	VZEROUPPER
	RET
