using Planner.Calibration.Models;

namespace Planner.Calibration.Tests.Support;

/// <summary>The decoder block and head computed plainly in C# (double precision), to check the ONNX graphs against.</summary>
public static class ReferenceDecoder
{
    public sealed record BlockResult(double[] Hidden, double[] PresentKey, double[] PresentValue);

    /// <summary>One block: hidden [b, s, h], past [b, kv, p, d] → hidden out and present caches [b, kv, p + s, d].</summary>
    public static BlockResult Block(BuiltModel model, int layer, float[] hidden, float[] pastKey, float[] pastValue, int batch, int seq, int past)
    {
        DecoderDimensions d = model.Dimensions!;
        int h = d.HiddenSize, nh = d.AttentionHeads, kv = d.KvHeads, dh = d.HeadDim, ff = d.IntermediateSize, total = past + seq;
        string p = $"layers.{layer}.";
        float[] wq = model.WeightValues(p + "q_proj"), wk = model.WeightValues(p + "k_proj"), wv = model.WeightValues(p + "v_proj");
        float[] wo = model.WeightValues(p + "o_proj"), wg = model.WeightValues(p + "gate_proj"), wu = model.WeightValues(p + "up_proj");
        float[] wd = model.WeightValues(p + "down_proj"), n1 = model.WeightValues(p + "input_norm"), n2 = model.WeightValues(p + "post_attention_norm");
        float[] cos = DecoderInputs.Rope(d, seq, past, cos: true), sin = DecoderInputs.Rope(d, seq, past, cos: false);

        var outHidden = new double[batch * seq * h];
        var keys = new double[batch * kv * total * dh];
        var values = new double[batch * kv * total * dh];
        var queries = new double[batch * seq * nh * dh];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < past; t++)
            {
                for (int g = 0; g < kv; g++)
                {
                    for (int e = 0; e < dh; e++)
                    {
                        keys[((b * kv + g) * total + t) * dh + e] = pastKey[((b * kv + g) * past + t) * dh + e];
                        values[((b * kv + g) * total + t) * dh + e] = pastValue[((b * kv + g) * past + t) * dh + e];
                    }
                }
            }
            for (int s = 0; s < seq; s++)
            {
                double[] x = Row(hidden, (b * seq + s) * h, h);
                double[] normed = RmsNorm(x, n1, d.RmsNormEpsilon);
                double[] q = MatVec(normed, wq, h, nh * dh), k = MatVec(normed, wk, h, kv * dh), v = MatVec(normed, wv, h, kv * dh);
                for (int head = 0; head < nh; head++)
                {
                    double[] r = Rope(q, head * dh, dh, cos, sin, s);
                    Array.Copy(r, 0, queries, ((b * seq + s) * nh + head) * dh, dh);
                }
                for (int g = 0; g < kv; g++)
                {
                    double[] r = Rope(k, g * dh, dh, cos, sin, s);
                    for (int e = 0; e < dh; e++)
                    {
                        keys[((b * kv + g) * total + past + s) * dh + e] = r[e];
                        values[((b * kv + g) * total + past + s) * dh + e] = v[g * dh + e];
                    }
                }
            }
            for (int s = 0; s < seq; s++)
            {
                var context = new double[nh * dh];
                for (int head = 0; head < nh; head++)
                {
                    int g = head / d.GroupSize;
                    var scores = new double[total];
                    for (int t = 0; t < total; t++)
                    {
                        double dot = 0;
                        for (int e = 0; e < dh; e++)
                        {
                            dot += queries[((b * seq + s) * nh + head) * dh + e] * keys[((b * kv + g) * total + t) * dh + e];
                        }
                        scores[t] = dot / Math.Sqrt(dh) + (t <= past + s ? 0 : DecoderModelBuilder.MaskedScore);
                    }
                    double max = scores.Max();
                    double sum = scores.Sum(z => Math.Exp(z - max));
                    for (int t = 0; t < total; t++)
                    {
                        double weight = Math.Exp(scores[t] - max) / sum;
                        for (int e = 0; e < dh; e++)
                        {
                            context[head * dh + e] += weight * values[((b * kv + g) * total + t) * dh + e];
                        }
                    }
                }
                double[] x = Row(hidden, (b * seq + s) * h, h);
                double[] attention = MatVec(context, wo, nh * dh, h);
                double[] x1 = x.Select((xi, i) => xi + attention[i]).ToArray();
                double[] m = RmsNorm(x1, n2, d.RmsNormEpsilon);
                double[] gate = MatVec(m, wg, h, ff), up = MatVec(m, wu, h, ff);
                double[] act = gate.Select((z, i) => z / (1 + Math.Exp(-z)) * up[i]).ToArray();
                double[] down = MatVec(act, wd, ff, h);
                for (int i = 0; i < h; i++)
                {
                    outHidden[(b * seq + s) * h + i] = x1[i] + down[i];
                }
            }
        }
        return new BlockResult(outHidden, keys, values);
    }

    /// <summary>Embedding rows of the ids, and logits of each sequence's last position.</summary>
    public static (double[] Embeddings, double[] Logits) Head(BuiltModel model, long[] ids, int batch, int seq)
    {
        DecoderDimensions d = model.Dimensions!;
        float[] table = model.WeightValues("embed_tokens"), norm = model.WeightValues("final_norm"), lm = model.WeightValues("lm_head");
        var embeddings = new double[batch * seq * d.HiddenSize];
        var logits = new double[batch * d.VocabSize];
        for (int b = 0; b < batch; b++)
        {
            for (int s = 0; s < seq; s++)
            {
                for (int i = 0; i < d.HiddenSize; i++)
                {
                    embeddings[(b * seq + s) * d.HiddenSize + i] = table[ids[b * seq + s] * d.HiddenSize + i];
                }
            }
            double[] last = embeddings.Skip((b * seq + seq - 1) * d.HiddenSize).Take(d.HiddenSize).ToArray();
            double[] l = MatVec(RmsNorm(last, norm, d.RmsNormEpsilon), lm, d.HiddenSize, d.VocabSize);
            Array.Copy(l, 0, logits, b * d.VocabSize, d.VocabSize);
        }
        return (embeddings, logits);
    }

    private static double[] Row(float[] data, int offset, int length) => data.Skip(offset).Take(length).Select(f => (double)f).ToArray();

    private static double[] RmsNorm(double[] x, float[] scale, double epsilon)
    {
        double rms = Math.Sqrt(x.Sum(v => v * v) / x.Length + epsilon);
        return x.Select((v, i) => v / rms * scale[i]).ToArray();
    }

    /// <summary>x [rows] times w [rows, cols] (row-major).</summary>
    private static double[] MatVec(double[] x, float[] w, int rows, int cols)
    {
        var y = new double[cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                y[c] += x[r] * w[r * cols + c];
            }
        }
        return y;
    }

    private static double[] Rope(double[] v, int offset, int dh, float[] cos, float[] sin, int s)
    {
        int half = dh / 2;
        var result = new double[dh];
        for (int e = 0; e < dh; e++)
        {
            double rotated = e < half ? -v[offset + e + half] : v[offset + e - half];
            result[e] = v[offset + e] * cos[s * dh + e] + rotated * sin[s * dh + e];
        }
        return result;
    }
}
