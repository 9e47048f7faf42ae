//go:build !purego

#include "textflag.h"

// AVX-512 kernels of Exp, Exprel and ExpEuler, eight float64 at a time.
// Each computes the operations of its reference in generic.go (Exp1,
// Exprel1, ExpEuler1) in the same order with the same roundings, so the
// results are bit-identical to the reference's. The callers handle the
// last len%8 elements.
//
// Constants, from ·tab (offsets in bytes): 0 log2e, 8 ln2hi, 16 ln2lo,
// 24 expHi, 32 expLo, 40+8i expC[i] (i = 0..13), 152+8i exprelC[i]
// (i = 0..15), 280 0.5, 288 -0.5.

DATA ·tab+0(SB)/8, $0x3ff71547652b82fe
DATA ·tab+8(SB)/8, $0x3fe62e42fefa39ef
DATA ·tab+16(SB)/8, $0x3c7abc9e3b39803f
DATA ·tab+24(SB)/8, $0x4086300000000000
DATA ·tab+32(SB)/8, $0xc087500000000000
DATA ·tab+40(SB)/8, $0x3ff0000000000000
DATA ·tab+48(SB)/8, $0x3ff0000000000000
DATA ·tab+56(SB)/8, $0x3fe0000000000000
DATA ·tab+64(SB)/8, $0x3fc5555555555555
DATA ·tab+72(SB)/8, $0x3fa5555555555555
DATA ·tab+80(SB)/8, $0x3f81111111111111
DATA ·tab+88(SB)/8, $0x3f56c16c16c16c17
DATA ·tab+96(SB)/8, $0x3f2a01a01a01a01a
DATA ·tab+104(SB)/8, $0x3efa01a01a01a01a
DATA ·tab+112(SB)/8, $0x3ec71de3a556c734
DATA ·tab+120(SB)/8, $0x3e927e4fb7789f5c
DATA ·tab+128(SB)/8, $0x3e5ae64567f544e4
DATA ·tab+136(SB)/8, $0x3e21eed8eff8d898
DATA ·tab+144(SB)/8, $0x3de6124613a86d09
DATA ·tab+152(SB)/8, $0x3ff0000000000000
DATA ·tab+160(SB)/8, $0x3fe0000000000000
DATA ·tab+168(SB)/8, $0x3fc5555555555555
DATA ·tab+176(SB)/8, $0x3fa5555555555555
DATA ·tab+184(SB)/8, $0x3f81111111111111
DATA ·tab+192(SB)/8, $0x3f56c16c16c16c17
DATA ·tab+200(SB)/8, $0x3f2a01a01a01a01a
DATA ·tab+208(SB)/8, $0x3efa01a01a01a01a
DATA ·tab+216(SB)/8, $0x3ec71de3a556c734
DATA ·tab+224(SB)/8, $0x3e927e4fb7789f5c
DATA ·tab+232(SB)/8, $0x3e5ae64567f544e4
DATA ·tab+240(SB)/8, $0x3e21eed8eff8d898
DATA ·tab+248(SB)/8, $0x3de6124613a86d09
DATA ·tab+256(SB)/8, $0x3da93974a8c07c9d
DATA ·tab+264(SB)/8, $0x3d6ae7f3e733b81f
DATA ·tab+272(SB)/8, $0x3d2ae7f3e733b81f
DATA ·tab+280(SB)/8, $0x3fe0000000000000

DATA ·tab+288(SB)/8, $0xbfe0000000000000
GLOBL ·tab(SB), RODATA|NOPTR, $296

// LOADCONSTS loads the constants of EXP: Z16 log2e, Z17 ln2hi, Z18 ln2lo,
// Z19 expHi, Z20 expLo, Z21 1 (expC[0] and expC[1]), Z22..Z31
// expC[13]..expC[4], Z8 expC[3], Z9 expC[2]; R8 points to ·tab.
#define LOADCONSTS \
	LEAQ ·tab(SB), R8; \
	VBROADCASTSD 0(R8), Z16; \
	VBROADCASTSD 8(R8), Z17; \
	VBROADCASTSD 16(R8), Z18; \
	VBROADCASTSD 24(R8), Z19; \
	VBROADCASTSD 32(R8), Z20; \
	VBROADCASTSD 40(R8), Z21; \
	VBROADCASTSD 144(R8), Z22; \
	VBROADCASTSD 136(R8), Z23; \
	VBROADCASTSD 128(R8), Z24; \
	VBROADCASTSD 120(R8), Z25; \
	VBROADCASTSD 112(R8), Z26; \
	VBROADCASTSD 104(R8), Z27; \
	VBROADCASTSD 96(R8), Z28; \
	VBROADCASTSD 88(R8), Z29; \
	VBROADCASTSD 80(R8), Z30; \
	VBROADCASTSD 72(R8), Z31; \
	VBROADCASTSD 64(R8), Z8; \
	VBROADCASTSD 56(R8), Z9

// EXP sets Z3 = Exp1(Z0) lane by lane, using Z1, Z2 and K1.
#define EXP \
	VCMPPD $3, Z0, Z0, K1; \
	VMAXPD Z20, Z0, Z1; \
	VMINPD Z19, Z1, Z1; \
	VMULPD Z16, Z1, Z2; \
	VRNDSCALEPD $0, Z2, Z2; \
	VFNMADD231PD Z17, Z2, Z1; \
	VFNMADD231PD Z18, Z2, Z1; \
	VMOVAPD Z22, Z3; \
	VFMADD213PD Z23, Z1, Z3; \
	VFMADD213PD Z24, Z1, Z3; \
	VFMADD213PD Z25, Z1, Z3; \
	VFMADD213PD Z26, Z1, Z3; \
	VFMADD213PD Z27, Z1, Z3; \
	VFMADD213PD Z28, Z1, Z3; \
	VFMADD213PD Z29, Z1, Z3; \
	VFMADD213PD Z30, Z1, Z3; \
	VFMADD213PD Z31, Z1, Z3; \
	VFMADD213PD Z8, Z1, Z3; \
	VFMADD213PD Z9, Z1, Z3; \
	VFMADD213PD Z21, Z1, Z3; \
	VFMADD213PD Z21, Z1, Z3; \
	VSCALEFPD Z2, Z3, Z3; \
	VMOVAPD Z0, K1, Z3

// func expAVX512(dst, src *float64, n int)
TEXT ·expAVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	LOADCONSTS

expLoop:
	CMPQ CX, $8
	JLT  expDone
	VMOVUPD (SI), Z0
	EXP
	VMOVUPD Z3, (DI)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $8, CX
	JMP  expLoop

expDone:
	VZEROUPPER
	RET

// func exprelAVX512(dst, src *float64, n int)
TEXT ·exprelAVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	LOADCONSTS
	VBROADCASTSD 280(R8), Z10
	VBROADCASTSD 288(R8), Z11

exprelLoop:
	CMPQ CX, $8
	JLT  exprelDone
	VMOVUPD (SI), Z0
	// K2: the lanes of the series, -0.5 <= x <= 0.5; each path runs
	// only if some lane needs it.
	VCMPPD $2, Z10, Z0, K2
	VCMPPD $13, Z11, Z0, K2, K2
	KMOVW K2, AX
	CMPL AX, $0xff
	JEQ  exprelSeries
	EXP
	// Z5 = (exp(x) - 1)/x
	VSUBPD Z21, Z3, Z5
	VDIVPD Z0, Z5, Z5
	TESTL AX, AX
	JEQ  exprelStore

exprelSeries:
	// Z4 = the series, Horner from exprelC[15]
	VBROADCASTSD 272(R8), Z4
	VFMADD213PD.BCST 264(R8), Z0, Z4
	VFMADD213PD.BCST 256(R8), Z0, Z4
	VFMADD213PD.BCST 248(R8), Z0, Z4
	VFMADD213PD.BCST 240(R8), Z0, Z4
	VFMADD213PD.BCST 232(R8), Z0, Z4
	VFMADD213PD.BCST 224(R8), Z0, Z4
	VFMADD213PD.BCST 216(R8), Z0, Z4
	VFMADD213PD.BCST 208(R8), Z0, Z4
	VFMADD213PD.BCST 200(R8), Z0, Z4
	VFMADD213PD.BCST 192(R8), Z0, Z4
	VFMADD213PD.BCST 184(R8), Z0, Z4
	VFMADD213PD.BCST 176(R8), Z0, Z4
	VFMADD213PD.BCST 168(R8), Z0, Z4
	VFMADD213PD.BCST 160(R8), Z0, Z4
	VFMADD213PD Z21, Z0, Z4
	VMOVAPD Z4, K2, Z5

exprelStore:
	VMOVUPD Z5, (DI)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $8, CX
	JMP  exprelLoop

exprelDone:
	VZEROUPPER
	RET

// func expEulerAVX512(dst, x, a, b *float64, n int, dt float64)
TEXT ·expEulerAVX512(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ a+16(FP), DX
	MOVQ b+24(FP), BX
	MOVQ n+32(FP), CX
	LOADCONSTS
	VBROADCASTSD dt+40(FP), Z12
	VPXORQ Z13, Z13, Z13

eeLoop:
	CMPQ CX, $8
	JLT  eeDone
	VMOVUPD (DX), Z6
	VMULPD  Z12, Z6, Z0 // h = a*dt
	EXP
	VMOVUPD (BX), Z7
	VDIVPD  Z6, Z7, Z4 // ba = b/a
	VMOVUPD (SI), Z5
	VADDPD  Z4, Z5, Z1
	VMULPD  Z3, Z1, Z1
	VSUBPD  Z4, Z1, Z1 // (x + ba)*exp(h) - ba
	VMULPD  Z12, Z7, Z2
	VADDPD  Z2, Z5, Z2 // x + b*dt
	VCMPPD  $0, Z13, Z0, K3
	VMOVAPD Z2, K3, Z1
	VMOVUPD Z1, (DI)
	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $64, DX
	ADDQ $64, BX
	SUBQ $8, CX
	JMP  eeLoop

eeDone:
	VZEROUPPER
	RET

// func finiteAVX512(a *float64, n int) bool
TEXT ·finiteAVX512(SB), NOSPLIT, $0-17
	MOVQ a+0(FP), SI
	MOVQ n+8(FP), CX
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2

finLoop:
	CMPQ CX, $8
	JLT  finDone
	// Z1 += x*0, NaN from the first NaN or infinite x on
	VMOVUPD (SI), Z0
	VFMADD231PD Z2, Z0, Z1
	ADDQ $64, SI
	SUBQ $8, CX
	JMP  finLoop

finDone:
	VCMPPD $3, Z1, Z1, K1
	KMOVW K1, AX
	TESTL AX, AX
	SETEQ ret+16(FP)
	VZEROUPPER
	RET
