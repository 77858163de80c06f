using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CognitoDemo.Cognito.Arithmetic;

/// <summary>
/// Montgomery multiplication with AVX-512 (eight digits at a time) or AVX2 (four): residues are D digits of
/// 28 bits, each in a 64-bit lane (D a multiple of 8), and products of digits are formed by <c>vpmuludq</c>
/// (32×32→64 bits per lane) without propagating carries until the end of each multiplication.
/// </summary>
/// <remarks>
/// <para>The method is the vectorised word-by-word Montgomery multiplication in a redundant radix of
/// Gueron and Krasnov ("Software implementation of modular exponentiation, using advanced vector
/// instructions architectures", WAIFI 2012; OpenSSL's <c>rsaz-avx2</c> uses it with 29-bit digits). For each
/// digit a_i of a: t += a_i·b + m·N with m = (t_0 + a_i·b_0)·(−N⁻¹) mod 2^28, so the lowest lane becomes a
/// multiple of 2^28; then t is shifted down one lane (<c>valignq</c>) and that lane's carry added to the new
/// lowest lane (AVX2 has no <c>valignq</c>: two <c>vpermq</c> and a <c>vpblendd</c> do it). Each lane receives two products below 2^56 per step, so after D steps it holds less than
/// 2D·2^56 + 2^36, which fits 64 bits for D ≤ <see cref="MaxDigits"/>; one carry pass then brings the
/// digits back to 28 bits.</para>
/// <para>R = 2^(28D) with D chosen so that 4N &lt; R. Then results are not fully reduced but stay below
/// 2N whenever both inputs are below 2N (Walter, "Montgomery exponentiation needs no final subtractions",
/// Electronics Letters 35(21), 1999): (a·b + m·N)/R &lt; (4N² + R·N)/R &lt; 2N. No conditional subtraction
/// is needed until the value leaves the Montgomery domain.</para>
/// <para>Constant time: the instructions and addresses depend on D only. Products, carries and the shift
/// are arithmetic on every lane whatever its value.</para>
/// </remarks>
internal sealed class VectorMultiplier : MontgomeryMultiplier
{
    private const int DigitBits = 28;
    private const ulong DigitMask = (1UL << DigitBits) - 1;

    /// <summary>
    /// The most digits whose lanes cannot overflow: 2·120 products below 2^56 plus a carry below 2^36 stay
    /// under 2^64 (moduli up to 120·28 − 2 = 3358 bits; the SRP group's 3072 bits take 112 digits).
    /// </summary>
    public const int MaxDigits = 120;

    private readonly bool _wide;
    private readonly ulong[] _n;
    private readonly ulong _negativeInverse;
    private readonly ulong[] _rSquared;
    private readonly ulong[] _one;

    private VectorMultiplier(BigInteger modulus, int digits, bool wide)
        : base(modulus, digits, DigitBits)
    {
        _wide = wide;
        _n = ToDigits(modulus);
        // −N⁻¹ mod 2^28 is the low 28 bits of −N⁻¹ mod 2⁶⁴.
        _negativeInverse = NegativeInverse(_n[0]) & DigitMask;
        _one = ToDigits(R % modulus);
        _rSquared = ToDigits(R * R % modulus);
    }

    /// <summary>The digits needed for N: 4N &lt; 2^(28D), D rounded up to whole vectors.</summary>
    private static int DigitsFor(BigInteger modulus)
    {
        var digits = (int)((modulus.GetBitLength() + 2 + DigitBits - 1) / DigitBits);
        return (digits + Vector512<ulong>.Count - 1) / Vector512<ulong>.Count * Vector512<ulong>.Count;
    }

    /// <summary>
    /// A vectorised multiplier for <paramref name="modulus"/>: 512-bit vectors where the CPU has AVX-512 and
    /// <paramref name="allowAvx512"/>, else 256-bit vectors where it has AVX2; null without either, or when the
    /// modulus is too long.
    /// </summary>
    public static VectorMultiplier? TryCreate(BigInteger modulus, bool allowAvx512 = true)
    {
        var digits = DigitsFor(modulus);
        if (digits > MaxDigits)
        {
            return null;
        }

        return allowAvx512 && Avx512F.IsSupported ? new VectorMultiplier(modulus, digits, wide: true)
            : Avx2.IsSupported ? new VectorMultiplier(modulus, digits, wide: false)
            : null;
    }

    /// <summary>Whether this multiplier uses 512-bit vectors (AVX-512) rather than 256-bit ones (AVX2).</summary>
    public bool IsAvx512 => _wide;

    public override ReadOnlySpan<ulong> One => _one;

    public override void ToMontgomery(Span<ulong> result, BigInteger value) => Multiply(result, ToDigits(value), _rSquared);

    protected override void LeaveToLimbs(Span<ulong> limbs, ReadOnlySpan<ulong> x)
    {
        Span<ulong> plainOne = stackalloc ulong[Width];
        plainOne.Clear();
        plainOne[0] = 1;
        Span<ulong> digits = stackalloc ulong[Width];
        Multiply(digits, x, plainOne);
        // Repack the 28-bit digits into 64-bit limbs; every position here is public.
        limbs.Clear();
        for (var i = 0; i < Width; i++)
        {
            var bit = i * DigitBits;
            var limb = bit / 64;
            var offset = bit % 64;
            if (limb < limbs.Length)
            {
                limbs[limb] |= digits[i] << offset;
            }

            if (offset > 64 - DigitBits && limb + 1 < limbs.Length)
            {
                limbs[limb + 1] |= digits[i] >> (64 - offset);
            }
        }
    }

    /// <summary>result = a·b·R⁻¹ mod N, below 2N when a and b are. result may alias a or b.</summary>
    public override void Multiply(Span<ulong> result, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (_wide)
        {
            Multiply<Vector512<ulong>, Avx512Lanes>(result, a, b);
        }
        else
        {
            Multiply<Vector256<ulong>, Avx2Lanes>(result, a, b);
        }
    }

    /// <summary>
    /// The multiplication for one vector width; <typeparamref name="TLanes"/> is a struct, so the JIT compiles
    /// one copy per width with its instructions inlined.
    /// </summary>
    private void Multiply<TVector, TLanes>(Span<ulong> result, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
        where TVector : unmanaged
        where TLanes : struct, ILanes<TVector>
    {
        var vectors = Width / TLanes.Count;
        Span<TVector> accumulator = stackalloc TVector[vectors];
        accumulator.Clear();
        ref var t = ref MemoryMarshal.GetReference(accumulator);
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref Unsafe.As<ulong, TVector>(ref MemoryMarshal.GetReference(b));
        ref var n = ref Unsafe.As<ulong, TVector>(ref MemoryMarshal.GetArrayDataReference(_n));
        for (var i = 0; i < Width; i++)
        {
            var digit = TLanes.Broadcast(Unsafe.Add(ref x, i));
            var low = TLanes.Add(t, TLanes.MultiplyDigits(digit, y));
            var m = TLanes.Broadcast((TLanes.Lowest(low) * _negativeInverse) & DigitMask);
            low = TLanes.Add(low, TLanes.MultiplyDigits(m, n));
            // The lowest lane is now a multiple of 2^28: it leaves, and its carry joins the next lane.
            var carry = TLanes.Lowest(low) >> DigitBits;
            var previous = low;
            for (var v = 1; v < vectors; v++)
            {
                var next = TLanes.Add(
                    TLanes.Add(Unsafe.Add(ref t, v), TLanes.MultiplyDigits(digit, Unsafe.Add(ref y, v))),
                    TLanes.MultiplyDigits(m, Unsafe.Add(ref n, v)));
                Unsafe.Add(ref t, v - 1) = TLanes.ShiftDownOneLane(previous, next);
                previous = next;
            }

            Unsafe.Add(ref t, vectors - 1) = TLanes.ShiftDownOneLane(previous, default);
            t = TLanes.AddToLowest(t, carry);
        }

        Normalize(result, MemoryMarshal.Cast<TVector, ulong>(accumulator));
    }

    /// <summary>The lane operations the multiplication needs, for one vector width.</summary>
    private interface ILanes<TVector>
        where TVector : unmanaged
    {
        /// <summary>64-bit lanes per vector.</summary>
        static abstract int Count { get; }

        static abstract TVector Broadcast(ulong value);

        static abstract TVector Add(TVector left, TVector right);

        /// <summary>Lane by lane, the low 32 bits of each times the other's: <c>vpmuludq</c>.</summary>
        static abstract TVector MultiplyDigits(TVector left, TVector right);

        static abstract ulong Lowest(TVector vector);

        static abstract TVector AddToLowest(TVector vector, ulong value);

        /// <summary>Lanes 1.. of <paramref name="low"/> followed by lane 0 of <paramref name="high"/>.</summary>
        static abstract TVector ShiftDownOneLane(TVector low, TVector high);
    }

    private readonly struct Avx512Lanes : ILanes<Vector512<ulong>>
    {
        public static int Count => Vector512<ulong>.Count;

        public static Vector512<ulong> Broadcast(ulong value) => Vector512.Create(value);

        public static Vector512<ulong> Add(Vector512<ulong> left, Vector512<ulong> right) => left + right;

        public static Vector512<ulong> MultiplyDigits(Vector512<ulong> left, Vector512<ulong> right) =>
            Avx512F.Multiply(left.AsUInt32(), right.AsUInt32());

        public static ulong Lowest(Vector512<ulong> vector) => vector.ToScalar();

        public static Vector512<ulong> AddToLowest(Vector512<ulong> vector, ulong value) => vector + Vector512.CreateScalar(value);

        // valignq: the 16 lanes high:low shifted down by one, the low eight kept.
        public static Vector512<ulong> ShiftDownOneLane(Vector512<ulong> low, Vector512<ulong> high) => Avx512F.AlignRight64(high, low, 1);
    }

    private readonly struct Avx2Lanes : ILanes<Vector256<ulong>>
    {
        public static int Count => Vector256<ulong>.Count;

        public static Vector256<ulong> Broadcast(ulong value) => Vector256.Create(value);

        public static Vector256<ulong> Add(Vector256<ulong> left, Vector256<ulong> right) => left + right;

        public static Vector256<ulong> MultiplyDigits(Vector256<ulong> left, Vector256<ulong> right) =>
            Avx2.Multiply(left.AsUInt32(), right.AsUInt32());

        public static ulong Lowest(Vector256<ulong> vector) => vector.ToScalar();

        public static Vector256<ulong> AddToLowest(Vector256<ulong> vector, ulong value) => vector + Vector256.CreateScalar(value);

        public static Vector256<ulong> ShiftDownOneLane(Vector256<ulong> low, Vector256<ulong> high)
        {
            // No valignq in AVX2. vpermq: lanes (1, 2, 3, 0) of low, and lane 0 of high everywhere; vpblendd takes
            // lane 3 (dwords 6–7) from high.
            var rotated = Avx2.Permute4x64(low, 0b00_11_10_01);
            var broadcast = Avx2.Permute4x64(high, 0);
            return Avx2.Blend(rotated.AsUInt32(), broadcast.AsUInt32(), 0b1100_0000).AsUInt64();
        }
    }

    /// <summary>One carry pass back to 28-bit digits; the value is below 2N &lt; 2^(28D), so nothing carries out.</summary>
    private static void Normalize(Span<ulong> result, ReadOnlySpan<ulong> lanes)
    {
        ulong pending = 0;
        for (var j = 0; j < lanes.Length; j++)
        {
            var value = lanes[j] + pending;
            result[j] = value & DigitMask;
            pending = value >> DigitBits;
        }
    }

    /// <summary>The D 28-bit digits of 0 ≤ value &lt; 2^(28D), from its 64-bit limbs.</summary>
    private ulong[] ToDigits(BigInteger value)
    {
        var limbs = ToLimbs(value, (Width * DigitBits + 63) / 64);
        var digits = new ulong[Width];
        for (var i = 0; i < Width; i++)
        {
            var bit = i * DigitBits;
            var limb = bit / 64;
            var offset = bit % 64;
            var bits = limbs[limb] >> offset;
            if (offset > 64 - DigitBits && limb + 1 < limbs.Length)
            {
                bits |= limbs[limb + 1] << (64 - offset);
            }

            digits[i] = bits & DigitMask;
        }

        return digits;
    }
}
