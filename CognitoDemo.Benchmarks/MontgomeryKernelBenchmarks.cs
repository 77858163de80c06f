using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CognitoDemo.Cognito.Arithmetic;
using CognitoDemo.Cognito.Srp;

namespace CognitoDemo.Benchmarks;

/// <summary>
/// One 3072-bit Montgomery multiplication and squaring, the kernels of every exponentiation: the
/// product-scanning implementation in <see cref="MontgomeryModulus"/> against the row-by-row (CIOS)
/// kernels it replaced, kept here (<see cref="CiosKernels"/>) so that before and after are measured in one run.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class MontgomeryKernelBenchmarks
{
    private readonly ulong[] _a = Random();
    private readonly ulong[] _b = Random();
    private readonly ulong[] _result = new ulong[48];
    private readonly CiosKernels _cios = new(SrpGroup.N);

    [Benchmark(Baseline = true, Description = "before: CIOS multiply")]
    public void CiosMultiply() => _cios.Multiply(_result, _a, _b);

    [Benchmark(Description = "before: CIOS square")]
    public void CiosSquare() => _cios.Square(_result, _a);

    [Benchmark(Description = "product scanning (FIPS) multiply")]
    public void Multiply() => SrpGroup.Arithmetic.Multiply(_result, _a, _b);

    [Benchmark(Description = "product scanning (FIPS) square")]
    public void Square() => SrpGroup.Arithmetic.Square(_result, _a);

    private static ulong[] Random()
    {
        var value = SrpGroup.Reduce(new BigInteger(RandomNumberGenerator.GetBytes(384), isUnsigned: true));
        var limbs = new ulong[48];
        value.TryWriteBytes(MemoryMarshal.AsBytes(limbs.AsSpan()), out _, isUnsigned: true);
        return limbs;
    }
}

/// <summary>
/// The Montgomery multiplication and squaring of issue 17's first version (commit e51711d), for comparison only:
/// row by row, each row's carry running from limb to limb.
/// </summary>
public sealed class CiosKernels
{
    private readonly ulong[] _n;
    private readonly ulong _negativeInverse;

    public CiosKernels(BigInteger modulus)
    {
        _n = new ulong[(int)((modulus.GetBitLength() + 63) / 64)];
        modulus.TryWriteBytes(MemoryMarshal.AsBytes(_n.AsSpan()), out _, isUnsigned: true);
        var inverse = _n[0];
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (_n[0] * inverse);
        }

        _negativeInverse = 0 - inverse;
    }

    public void Multiply(Span<ulong> result, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
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

    public void Square(Span<ulong> result, ReadOnlySpan<ulong> a)
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

        ulong topCarry = 0;
        for (var i = 0; i < s; i++)
        {
            ref var ti = ref Unsafe.Add(ref t, i);
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
