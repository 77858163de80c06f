using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CognitoDemo.Cognito.Arithmetic;

/// <summary>
/// Montgomery multiplication on 64-bit limbs, for every CPU: R = 2^(64s) for an s-limb modulus, and
/// every result fully reduced into [0, N).
/// </summary>
/// <remarks>
/// Handbook of Applied Cryptography (Menezes, van Oorschot, Vanstone), chapter 14: Montgomery
/// multiplication (algorithm 14.36, here in its word-serial "CIOS" form of Koç, Acar and Kaliski,
/// "Analyzing and comparing Montgomery multiplication algorithms", 1996), and a dedicated squaring
/// (14.16: each cross product once, doubled) followed by a separate Montgomery reduction (14.32). The
/// loops index through refs (no bounds checks); their bounds are the limb count alone, and the final
/// subtraction is a masked select (<see cref="Limbs.SubtractIfAtLeast"/>).
/// </remarks>
internal sealed class WordMultiplier : MontgomeryMultiplier
{
    private readonly ulong[] _n;
    private readonly ulong _negativeInverse;
    private readonly ulong[] _rSquared;
    private readonly ulong[] _one;
    // 2^(64s) − N, used to fold an overflow limb; null when N's top limb is not all ones.
    private readonly ulong[]? _foldConstant;

    public WordMultiplier(BigInteger modulus)
        : base(modulus, (int)((modulus.GetBitLength() + 63) / 64), 64)
    {
        var s = Width;
        _n = N;
        _negativeInverse = NegativeInverse(_n[0]);
        _one = ToLimbs(R % modulus, s);
        _rSquared = ToLimbs(R * R % modulus, s);
        if (_n[s - 1] == ulong.MaxValue)
        {
            _foldConstant = ToLimbs(R - modulus, s);
        }
    }

    public override ReadOnlySpan<ulong> One => _one;

    /// <summary>Whether <see cref="MultiplyByPowerOfTwo"/> applies: N's top limb is all ones, as in every RFC 3526 prime.</summary>
    public bool CanShiftPowersOfTwo => _foldConstant is not null;

    public override void ToMontgomery(Span<ulong> result, BigInteger value) => Multiply(result, ToLimbs(value, Width), _rSquared);

    protected override void LeaveToLimbs(Span<ulong> limbs, ReadOnlySpan<ulong> x)
    {
        Span<ulong> plainOne = stackalloc ulong[Width];
        plainOne[0] = 1;
        Multiply(limbs, x, plainOne);
    }

    /// <summary>
    /// x = x·2^d mod N for a secret d in [0, 64): shift left by d bits (a shift by a register count takes
    /// the same time for every count), then fold the overflow limb h through 2^(64s) ≡ 2^(64s) − N.
    /// Since N's top limb is all ones, 2^(64s) − N &lt; 2^(64(s−1)) and h &lt; 2^63, so the folded value is
    /// below 1.5·2^(64s) &lt; 2N and one masked subtraction finishes the reduction.
    /// </summary>
    public void MultiplyByPowerOfTwo(Span<ulong> x, int d)
    {
        var s = Width;
        var fold = _foldConstant!;
        Span<ulong> t = stackalloc ulong[s];
        ulong carryIn = 0;
        for (var j = 0; j < s; j++)
        {
            var v = x[j];
            t[j] = (v << d) | carryIn;
            // (v >> 1) >> (63 − d) is v >> (64 − d), and 0 when d = 0 (a shift by 64 would be a shift by 0).
            carryIn = (v >> 1) >> (63 - d);
        }

        var carry = Limbs.MultiplyAccumulate(ref MemoryMarshal.GetReference(t), carryIn, ref MemoryMarshal.GetArrayDataReference(fold), s);
        Limbs.SubtractIfAtLeast(x, t, carry, _n);
    }

    /// <summary>result = a·b·R⁻¹ mod N (CIOS), fully reduced. result may alias a or b.</summary>
    public override void Multiply(Span<ulong> result, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var s = _n.Length;
        Span<ulong> buffer = stackalloc ulong[s + 1];
        buffer.Clear();
        ref var t = ref MemoryMarshal.GetReference(buffer);
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        ref var n = ref MemoryMarshal.GetArrayDataReference(_n);
        for (var i = 0; i < s; i++)
        {
            var carry = Limbs.MultiplyAccumulate(ref t, Unsafe.Add(ref x, i), ref y, s);
            ref var ts = ref Unsafe.Add(ref t, s);
            var top = ts + carry;
            var topCarry = Limbs.Carry(top, carry);

            // Add m·N so that the low limb becomes zero, and shift down by one limb.
            var m = t * _negativeInverse;
            carry = Limbs.MultiplyAdd(m, n, t, 0, out _);
            for (var j = 1; j < s; j++)
            {
                carry = Limbs.MultiplyAdd(m, Unsafe.Add(ref n, j), Unsafe.Add(ref t, j), carry, out Unsafe.Add(ref t, j - 1));
            }

            var last = top + carry;
            Unsafe.Add(ref t, s - 1) = last;
            ts = topCarry + Limbs.Carry(last, carry);
        }

        Limbs.SubtractIfAtLeast(result, buffer[..s], buffer[s], _n);
    }

    /// <summary>result = a²·R⁻¹ mod N: the square's cross products once and doubled, then a Montgomery reduction.</summary>
    public override void Square(Span<ulong> result, ReadOnlySpan<ulong> a)
    {
        var s = _n.Length;
        Span<ulong> buffer = stackalloc ulong[2 * s];
        buffer.Clear();
        ref var t = ref MemoryMarshal.GetReference(buffer);
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var n = ref MemoryMarshal.GetArrayDataReference(_n);
        for (var i = 0; i < s - 1; i++)
        {
            Unsafe.Add(ref t, i + s) = Limbs.MultiplyAccumulate(
                ref Unsafe.Add(ref t, (2 * i) + 1), Unsafe.Add(ref x, i), ref Unsafe.Add(ref x, i + 1), s - i - 1);
        }

        ulong shiftedOut = 0;
        for (var k = 0; k < 2 * s; k++)
        {
            ref var tk = ref Unsafe.Add(ref t, k);
            var v = tk;
            tk = (v << 1) | shiftedOut;
            shiftedOut = v >> 63;
        }

        ulong diagonalCarry = 0;
        for (var i = 0; i < s; i++)
        {
            var square = Math.BigMul(Unsafe.Add(ref x, i), Unsafe.Add(ref x, i));
            ref var low = ref Unsafe.Add(ref t, 2 * i);
            diagonalCarry = Limbs.MultiplyAdd(1, low, (ulong)square, diagonalCarry, out low);
            ref var high = ref Unsafe.Add(ref t, (2 * i) + 1);
            diagonalCarry = Limbs.MultiplyAdd(1, high, (ulong)(square >> 64), diagonalCarry, out high);
        }

        // Montgomery reduction (HAC 14.32): clear one low limb per step; the carry out of the top runs in topCarry.
        ulong topCarry = 0;
        for (var i = 0; i < s; i++)
        {
            ref var ti = ref Unsafe.Add(ref t, i);
            // Adding m·N makes limb i zero (it is written as zero and never read again).
            var carry = Limbs.MultiplyAccumulate(ref ti, ti * _negativeInverse, ref n, s);
            ref var tis = ref Unsafe.Add(ref ti, s);
            var sum = tis + carry;
            var c1 = Limbs.Carry(sum, carry);
            var withTop = sum + topCarry;
            var c2 = Limbs.Carry(withTop, topCarry);
            tis = withTop;
            topCarry = c1 + c2;
        }

        Limbs.SubtractIfAtLeast(result, buffer[s..], topCarry, _n);
    }
}
