#include "textflag.h"

// func step2AVX512(m *LIF, k1, k2 *Kernel, v, ref, x []float64, s []bool) (suspect bool)
//
// LIF: S0 0, P 8, A 16, B 24, Th 32, Reset 40, RefSteps 48.
// Kernel: I (base 0), A (base 24), Decay 48.
// The same operations as stepGo2, in the same order, eight lanes at once;
// no FMA.
TEXT ·step2AVX512(SB), NOSPLIT, $0-121
	MOVQ m+0(FP), AX
	MOVQ k1+8(FP), BX
	MOVQ k2+16(FP), CX
	VBROADCASTSD 48(BX), Z0 // d1
	VBROADCASTSD 48(CX), Z1 // d2
	VBROADCASTSD 0(AX), Z2  // S0
	VBROADCASTSD 8(AX), Z3  // P
	VBROADCASTSD 16(AX), Z4 // A
	VBROADCASTSD 24(AX), Z5 // B
	VBROADCASTSD 32(AX), Z6 // Th
	VBROADCASTSD 40(AX), Z7 // Reset
	VBROADCASTSD 48(AX), Z8 // RefSteps
	MOVQ $0xffefffffffffffff, DX // -MaxFloat64
	VPBROADCASTQ DX, Z9
	MOVQ $0x3ff0000000000000, DX // 1.0
	VPBROADCASTQ DX, Z10
	VPXORQ Z11, Z11, Z11 // +0
	MOVQ 0(BX), R8   // k1.I
	MOVQ 24(BX), R9  // k1.A
	MOVQ 0(CX), R10  // k2.I
	MOVQ 24(CX), R11 // k2.A
	MOVQ v_base+24(FP), SI
	MOVQ v_len+32(FP), DI
	MOVQ ref_base+48(FP), R12
	MOVQ x_base+72(FP), R13
	MOVQ s_base+96(FP), R14
	MOVQ $0x0101010101010101, CX
	XORQ AX, AX // neuron index
	XORQ BX, BX // suspect lanes, or-ed

loop:
	CMPQ AX, DI
	JGE  done

	// Every load of the iteration comes before its first store: the
	// arrays are often 4 KiB apart, and a load after a store to the same
	// address modulo 4 KiB waits for it (4K aliasing).
	VMOVUPD (R8)(AX*8), Z12
	VMOVUPD (R10)(AX*8), Z13
	VMOVUPD (SI)(AX*8), Z15
	VMOVUPD (R12)(AX*8), Z18

	VMOVUPD (R9)(AX*8), Z20
	VMOVUPD (R11)(AX*8), Z21

	// c1 = i1*d1 + a1 (and c2 likewise); x = (0 + c1) + c2
	VMULPD Z0, Z12, Z12
	VADDPD Z20, Z12, Z12
	VMULPD Z1, Z13, Z13
	VADDPD Z21, Z13, Z13
	VADDPD Z12, Z11, Z14
	VADDPD Z13, Z14, Z14

	// nv = ((v - S0)*P + A) + x*B
	VSUBPD Z2, Z15, Z16
	VMULPD Z3, Z16, Z16
	VADDPD Z4, Z16, Z16
	VMULPD Z5, Z14, Z17
	VADDPD Z17, Z16, Z16

	VCMPPD $0x12, Z11, Z18, K1    // K1: integrating, ref <= 0
	VCMPPD $0x1d, Z6, Z16, K1, K2 // K2: spiking, K1 and nv >= Th
	VCMPPD $0x19, Z9, Z16, K1, K3 // K1 and !(nv >= -MaxFloat64)
	KANDNW K3, K2, K3             // K3: suspect, and not spiking

	VMOVAPD Z16, K1, Z15  // v = nv where integrating
	VMOVAPD Z7, K2, Z15   // v = Reset where spiking
	VSUBPD  Z10, Z18, Z19 // ref - 1
	VMOVAPD Z18, K1, Z19  // ref where integrating
	VMOVAPD Z8, K2, Z19   // RefSteps where spiking

	// i1 = c1, a1 = 0, i2 = c2, a2 = 0, v, ref, and x if wanted. The
	// arrivals are cleared, and ref written, only in the lanes where they
	// change (any bit of a set; refractory or spiking): arrivals are
	// sparse and most neurons keep ref = 0, and a store under an empty
	// mask leaves the cache line clean, which saves memory bandwidth.
	VPTESTMQ Z20, Z20, K4
	VPTESTMQ Z21, Z21, K5
	KNOTW    K1, K6
	KORW     K2, K6, K6
	VMOVUPD  Z12, (R8)(AX*8)
	VMOVUPD  Z11, K4, (R9)(AX*8)
	VMOVUPD  Z13, (R10)(AX*8)
	VMOVUPD  Z11, K5, (R11)(AX*8)
	VMOVUPD  Z15, (SI)(AX*8)
	VMOVUPD  Z19, K6, (R12)(AX*8)
	TESTQ   R13, R13
	JZ      nox
	VMOVUPD Z14, (R13)(AX*8)

nox:
	// s[i:i+8]: the eight mask bits spread into eight bytes 0 or 1
	KMOVW K2, DX
	PDEPQ CX, DX, DX
	MOVQ  DX, (R14)(AX*1)
	KMOVW K3, DX
	ORQ   DX, BX

	ADDQ $8, AX
	JMP  loop

done:
	TESTQ BX, BX
	SETNE suspect+120(FP)
	VZEROUPPER
	RET

// func stepInputAVX512(m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool)
//
// The membrane update of step2AVX512 with the input x read instead of
// summed from kernels, and the jumps dv (if not nil) added to nv.
TEXT ·stepInputAVX512(SB), NOSPLIT, $0-129
	MOVQ m+0(FP), AX
	VBROADCASTSD 0(AX), Z2  // S0
	VBROADCASTSD 8(AX), Z3  // P
	VBROADCASTSD 16(AX), Z4 // A
	VBROADCASTSD 24(AX), Z5 // B
	VBROADCASTSD 32(AX), Z6 // Th
	VBROADCASTSD 40(AX), Z7 // Reset
	VBROADCASTSD 48(AX), Z8 // RefSteps
	MOVQ $0xffefffffffffffff, DX // -MaxFloat64
	VPBROADCASTQ DX, Z9
	MOVQ $0x3ff0000000000000, DX // 1.0
	VPBROADCASTQ DX, Z10
	VPXORQ Z11, Z11, Z11 // +0
	MOVQ v_base+8(FP), SI
	MOVQ v_len+16(FP), DI
	MOVQ ref_base+32(FP), R12
	MOVQ x_base+56(FP), R13
	MOVQ dv_base+80(FP), R11
	MOVQ s_base+104(FP), R14
	MOVQ $0x0101010101010101, CX
	XORQ AX, AX // neuron index
	XORQ BX, BX // suspect lanes, or-ed

loop0:
	CMPQ AX, DI
	JGE  done0
	VMOVUPD (R13)(AX*8), Z14
	// nv = ((v - S0)*P + A) + x*B
	VMOVUPD (SI)(AX*8), Z15
	VSUBPD  Z2, Z15, Z16
	VMULPD  Z3, Z16, Z16
	VADDPD  Z4, Z16, Z16
	VMULPD  Z5, Z14, Z17
	VADDPD  Z17, Z16, Z16
	TESTQ   R11, R11
	JZ      nodv0
	VADDPD  (R11)(AX*8), Z16, Z16 // nv + dv

nodv0:

	VMOVUPD (R12)(AX*8), Z18
	VCMPPD  $0x12, Z11, Z18, K1     // K1: integrating, ref <= 0
	VCMPPD  $0x1d, Z6, Z16, K1, K2  // K2: spiking, K1 and nv >= Th
	VCMPPD  $0x19, Z9, Z16, K1, K3  // K1 and !(nv >= -MaxFloat64)
	KANDNW  K3, K2, K3              // K3: suspect, and not spiking

	VMOVAPD Z16, K1, Z15 // v = nv where integrating
	VMOVAPD Z7, K2, Z15  // v = Reset where spiking
	VMOVUPD Z15, (SI)(AX*8)
	VSUBPD  Z10, Z18, Z19 // ref - 1
	VMOVAPD Z18, K1, Z19  // ref where integrating
	VMOVAPD Z8, K2, Z19   // RefSteps where spiking
	KNOTW   K1, K6
	KORW    K2, K6, K6
	VMOVUPD Z19, K6, (R12)(AX*8) // only where ref changes (see step2AVX512)

	// s[i:i+8]: the eight mask bits spread into eight bytes 0 or 1
	KMOVW K2, DX
	PDEPQ CX, DX, DX
	MOVQ  DX, (R14)(AX*1)
	KMOVW K3, DX
	ORQ   DX, BX

	ADDQ $8, AX
	JMP  loop0

done0:
	TESTQ BX, BX
	SETNE suspect+128(FP)
	VZEROUPPER
	RET

// func stepNAVX512(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool)
//
// step2AVX512 for any number of kernels (stepGoN): x = ((0 + c1) + c2) +
// ..., kernel by kernel for each eight neurons. Kernel is 56 bytes.
TEXT ·stepNAVX512(SB), NOSPLIT, $0-129
	MOVQ m+0(FP), AX
	VBROADCASTSD 0(AX), Z2  // S0
	VBROADCASTSD 8(AX), Z3  // P
	VBROADCASTSD 16(AX), Z4 // A
	VBROADCASTSD 24(AX), Z5 // B
	VBROADCASTSD 32(AX), Z6 // Th
	VBROADCASTSD 40(AX), Z7 // Reset
	VBROADCASTSD 48(AX), Z8 // RefSteps
	MOVQ $0xffefffffffffffff, DX // -MaxFloat64
	VPBROADCASTQ DX, Z9
	MOVQ $0x3ff0000000000000, DX // 1.0
	VPBROADCASTQ DX, Z10
	VPXORQ Z11, Z11, Z11 // +0
	MOVQ ks_len+16(FP), DI
	MOVQ v_base+32(FP), SI
	MOVQ ref_base+56(FP), R12
	MOVQ x_base+80(FP), R13
	MOVQ s_base+104(FP), R14
	MOVQ v_len+40(FP), R9
	MOVQ $0x0101010101010101, CX
	XORQ AX, AX // neuron index
	XORQ BX, BX // suspect lanes, or-ed

loopN:
	CMPQ AX, R9
	JGE  doneN
	VMOVUPD (SI)(AX*8), Z15  // v
	VMOVUPD (R12)(AX*8), Z18 // ref
	VMOVAPD Z11, Z14         // x = +0
	MOVQ    ks_base+8(FP), R8
	MOVQ    DI, R10

kernel:
	TESTQ R10, R10
	JZ    kernelsDone
	MOVQ  0(R8), DX          // k.I
	MOVQ  24(R8), R11        // k.A
	VBROADCASTSD 48(R8), Z0  // k.Decay
	VMOVUPD (DX)(AX*8), Z12
	VMOVUPD (R11)(AX*8), Z20
	VMULPD  Z0, Z12, Z12
	VADDPD  Z20, Z12, Z12 // c = i*d + a
	VPTESTMQ Z20, Z20, K4
	VMOVUPD Z12, (DX)(AX*8)
	VMOVUPD Z11, K4, (R11)(AX*8) // a = 0 where it is not
	VADDPD  Z12, Z14, Z14        // x += c
	ADDQ    $56, R8
	DECQ    R10
	JMP     kernel

kernelsDone:
	TESTQ R13, R13
	JZ    noxN
	VMOVUPD Z14, (R13)(AX*8)

noxN:
	// nv = ((v - S0)*P + A) + x*B
	VMOVUPD (SI)(AX*8), Z15
	VSUBPD  Z2, Z15, Z16
	VMULPD  Z3, Z16, Z16
	VADDPD  Z4, Z16, Z16
	VMULPD  Z5, Z14, Z17
	VADDPD  Z17, Z16, Z16

	VMOVUPD (R12)(AX*8), Z18
	VCMPPD  $0x12, Z11, Z18, K1     // K1: integrating, ref <= 0
	VCMPPD  $0x1d, Z6, Z16, K1, K2  // K2: spiking, K1 and nv >= Th
	VCMPPD  $0x19, Z9, Z16, K1, K3  // K1 and !(nv >= -MaxFloat64)
	KANDNW  K3, K2, K3              // K3: suspect, and not spiking

	VMOVAPD Z16, K1, Z15 // v = nv where integrating
	VMOVAPD Z7, K2, Z15  // v = Reset where spiking
	VMOVUPD Z15, (SI)(AX*8)
	VSUBPD  Z10, Z18, Z19 // ref - 1
	VMOVAPD Z18, K1, Z19  // ref where integrating
	VMOVAPD Z8, K2, Z19   // RefSteps where spiking
	KNOTW   K1, K6
	KORW    K2, K6, K6
	VMOVUPD Z19, K6, (R12)(AX*8) // only where ref changes (see step2AVX512)

	// s[i:i+8]: the eight mask bits spread into eight bytes 0 or 1
	KMOVW K2, DX
	PDEPQ CX, DX, DX
	MOVQ  DX, (R14)(AX*1)
	KMOVW K3, DX
	ORQ   DX, BX

	ADDQ $8, AX
	JMP  loopN

doneN:
	TESTQ BX, BX
	SETNE suspect+128(FP)
	VZEROUPPER
	RET

// The AVX2 kernels: four neurons at a time, the same operations as the
// Go reference in the same order (no FMA); comparisons give lane masks,
// VBLENDVPD selects, VMOVMSKPD and PDEP turn the spike mask into bools.
// Every lane is stored (masked stores are slow on some AVX2 CPUs).

DATA negMax<>+0(SB)/8, $0xffefffffffffffff
GLOBL negMax<>(SB), RODATA|NOPTR, $8
DATA one<>+0(SB)/8, $0x3ff0000000000000
GLOBL one<>(SB), RODATA|NOPTR, $8

// func stepNAVX2(m *LIF, ks []Kernel, v, ref, x []float64, s []bool) (suspect bool)
TEXT ·stepNAVX2(SB), NOSPLIT, $0-129
	MOVQ m+0(FP), BX
	VBROADCASTSD 0(BX), Y2  // S0
	VBROADCASTSD 8(BX), Y3  // P
	VBROADCASTSD 16(BX), Y4 // A
	VBROADCASTSD 24(BX), Y5 // B
	VBROADCASTSD 32(BX), Y6 // Th
	VXORPD Y11, Y11, Y11    // +0
	VXORPD Y1, Y1, Y1       // suspect lanes, or-ed
	MOVL $0x01010101, CX
	XORQ AX, AX // neuron index
	MOVQ ks_len+16(FP), DI
	MOVQ v_base+32(FP), SI
	MOVQ v_len+40(FP), R9
	MOVQ ref_base+56(FP), R12
	MOVQ x_base+80(FP), R13
	MOVQ s_base+104(FP), R14

loopN2:
	CMPQ AX, R9
	JGE  doneN2
	VMOVUPD (SI)(AX*8), Y15  // v
	VMOVUPD (R12)(AX*8), Y9  // ref
	VMOVAPD Y11, Y14         // x = +0
	MOVQ    ks_base+8(FP), R8
	MOVQ    DI, R10

kernel2:
	TESTQ R10, R10
	JZ    kernels2Done
	MOVQ  0(R8), DX         // k.I
	MOVQ  24(R8), R11       // k.A
	VBROADCASTSD 48(R8), Y0 // k.Decay
	VMOVUPD (DX)(AX*8), Y12
	VMULPD  Y0, Y12, Y12
	VADDPD  (R11)(AX*8), Y12, Y12 // c = i*d + a
	VMOVUPD Y12, (DX)(AX*8)
	VMOVUPD Y11, (R11)(AX*8) // a = 0
	VADDPD  Y12, Y14, Y14    // x += c
	ADDQ    $56, R8
	DECQ    R10
	JMP     kernel2

kernels2Done:
	TESTQ R13, R13
	JZ    noxN2
	VMOVUPD Y14, (R13)(AX*8)

noxN2:
	// nv = ((v - S0)*P + A) + x*B
	VSUBPD Y2, Y15, Y12
	VMULPD Y3, Y12, Y12
	VADDPD Y4, Y12, Y12
	VMULPD Y5, Y14, Y13
	VADDPD Y13, Y12, Y12

	VCMPPD  $0x12, Y11, Y9, Y7 // Y7: integrating, ref <= 0
	VCMPPD  $0x1d, Y6, Y12, Y8 // nv >= Th
	VANDPD  Y7, Y8, Y8         // Y8: spiking
	VBROADCASTSD negMax<>(SB), Y10
	VCMPPD  $0x1d, Y10, Y12, Y10 // nv >= -MaxFloat64
	VANDNPD Y7, Y10, Y10         // integrating and not (nv >= -MaxFloat64)
	VANDNPD Y10, Y8, Y10         // and not spiking: suspect
	VORPD   Y10, Y1, Y1

	VBLENDVPD Y7, Y12, Y15, Y15 // v = nv where integrating
	VBROADCASTSD 40(BX), Y13
	VBLENDVPD Y8, Y13, Y15, Y15 // v = Reset where spiking
	VMOVUPD   Y15, (SI)(AX*8)
	VBROADCASTSD one<>(SB), Y13
	VSUBPD    Y13, Y9, Y14      // ref - 1
	VBLENDVPD Y7, Y9, Y14, Y14  // ref where integrating
	VBROADCASTSD 48(BX), Y13
	VBLENDVPD Y8, Y13, Y14, Y14 // RefSteps where spiking
	VMOVUPD   Y14, (R12)(AX*8)

	// s[i:i+4]: the four sign bits of the spike mask spread into bytes
	VMOVMSKPD Y8, DX
	PDEPL     CX, DX, DX
	MOVL      DX, (R14)(AX*1)

	ADDQ $4, AX
	JMP loopN2

doneN2:
	VMOVMSKPD Y1, DX
	TESTL     DX, DX
	SETNE     suspect+128(FP)
	VZEROUPPER
	RET

// func stepInputAVX2(m *LIF, v, ref, x, dv []float64, s []bool) (suspect bool)
TEXT ·stepInputAVX2(SB), NOSPLIT, $0-129
	MOVQ m+0(FP), BX
	VBROADCASTSD 0(BX), Y2  // S0
	VBROADCASTSD 8(BX), Y3  // P
	VBROADCASTSD 16(BX), Y4 // A
	VBROADCASTSD 24(BX), Y5 // B
	VBROADCASTSD 32(BX), Y6 // Th
	VXORPD Y11, Y11, Y11    // +0
	VXORPD Y1, Y1, Y1       // suspect lanes, or-ed
	MOVL $0x01010101, CX
	XORQ AX, AX // neuron index
	MOVQ v_base+8(FP), SI
	MOVQ v_len+16(FP), R9
	MOVQ ref_base+32(FP), R12
	MOVQ x_base+56(FP), R13
	MOVQ dv_base+80(FP), R11
	MOVQ s_base+104(FP), R14

loopI2:
	CMPQ AX, R9
	JGE  doneI2
	VMOVUPD (SI)(AX*8), Y15  // v
	VMOVUPD (R12)(AX*8), Y9  // ref
	VMOVUPD (R13)(AX*8), Y14 // x
	// nv = ((v - S0)*P + A) + x*B
	VSUBPD Y2, Y15, Y12
	VMULPD Y3, Y12, Y12
	VADDPD Y4, Y12, Y12
	VMULPD Y5, Y14, Y13
	VADDPD Y13, Y12, Y12
	TESTQ  R11, R11
	JZ     nodvI2
	VADDPD (R11)(AX*8), Y12, Y12 // nv + dv

nodvI2:

	VCMPPD  $0x12, Y11, Y9, Y7 // Y7: integrating, ref <= 0
	VCMPPD  $0x1d, Y6, Y12, Y8 // nv >= Th
	VANDPD  Y7, Y8, Y8         // Y8: spiking
	VBROADCASTSD negMax<>(SB), Y10
	VCMPPD  $0x1d, Y10, Y12, Y10 // nv >= -MaxFloat64
	VANDNPD Y7, Y10, Y10         // integrating and not (nv >= -MaxFloat64)
	VANDNPD Y10, Y8, Y10         // and not spiking: suspect
	VORPD   Y10, Y1, Y1

	VBLENDVPD Y7, Y12, Y15, Y15 // v = nv where integrating
	VBROADCASTSD 40(BX), Y13
	VBLENDVPD Y8, Y13, Y15, Y15 // v = Reset where spiking
	VMOVUPD   Y15, (SI)(AX*8)
	VBROADCASTSD one<>(SB), Y13
	VSUBPD    Y13, Y9, Y14      // ref - 1
	VBLENDVPD Y7, Y9, Y14, Y14  // ref where integrating
	VBROADCASTSD 48(BX), Y13
	VBLENDVPD Y8, Y13, Y14, Y14 // RefSteps where spiking
	VMOVUPD   Y14, (R12)(AX*8)

	// s[i:i+4]: the four sign bits of the spike mask spread into bytes
	VMOVMSKPD Y8, DX
	PDEPL     CX, DX, DX
	MOVL      DX, (R14)(AX*1)

	ADDQ $4, AX
	JMP loopI2

doneI2:
	VMOVMSKPD Y1, DX
	TESTL     DX, DX
	SETNE     suspect+128(FP)
	VZEROUPPER
	RET
