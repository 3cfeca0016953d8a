<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartBuilders</name>
    <message>
        <source>Item popularity (long tail)</source>
        <translation>物品流行度（长尾）</translation>
    </message>
    <message>
        <source>Item rank</source>
        <translation>物品排名</translation>
    </message>
    <message>
        <source>Interactions (log)</source>
        <translation>交互数（对数）</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交互数</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Items per category (largest %1 of %2)</source>
        <translation>各类别物品数（%2 个中最大的 %1 个）</translation>
    </message>
    <message>
        <source>Items per category</source>
        <translation>各类别物品数</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物品数</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>+ %1</source>
        <translation>+ %1</translation>
    </message>
    <message>
        <source>RecDistill chart</source>
        <translation>RecDistill 图表</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>将图表保存为 PNG…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Save chart as SVG…</source>
        <translation>将图表保存为 SVG…</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>Exposure by item popularity</source>
        <translation>按物品流行度的曝光分布</translation>
    </message>
    <message>
        <source>training interactions</source>
        <translation>训练交互</translation>
    </message>
    <message>
        <source>popularity bin (1 = most popular 10%)</source>
        <translation>流行度分箱（1 = 最流行的 10%）</translation>
    </message>
    <message>
        <source>% of slots / interactions</source>
        <translation>推荐位 / 交互占比 (%)</translation>
    </message>
    <message>
        <source>Lorenz curves of exposure</source>
        <translation>曝光的洛伦兹曲线</translation>
    </message>
    <message>
        <source>% of items</source>
        <translation>物品占比 (%)</translation>
    </message>
    <message>
        <source>% of recommendation slots</source>
        <translation>推荐位占比 (%)</translation>
    </message>
    <message>
        <source>equal exposure</source>
        <translation>均等曝光</translation>
    </message>
</context>
<context>
    <name>rd::CompareTab</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>All metrics</source>
        <translation>全部指标</translation>
    </message>
    <message>
        <source>Copy table</source>
        <translation>复制表格</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export LaTeX…</source>
        <translation>导出 LaTeX…</translation>
    </message>
    <message>
        <source>Only differences</source>
        <translation>仅显示差异</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Bar chart metrics</source>
        <translation>柱状图指标</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Gap closed </source>
        <translation>差距弥合 </translation>
    </message>
    <message>
        <source>run #%1 (%2)</source>
        <translation>运行 #%1（%2）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Test metrics</source>
        <translation>测试集指标</translation>
    </message>
    <message>
        <source>parameters (log)</source>
        <translation>参数量（对数）</translation>
    </message>
    <message>
        <source>NDCG@10</source>
        <translation>NDCG@10</translation>
    </message>
    <message>
        <source>Validation %1 (teacher dashed)</source>
        <translation>验证集 %1（教师模型为虚线）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Export LaTeX</source>
        <translation>导出 LaTeX</translation>
    </message>
    <message>
        <source>LaTeX files (*.tex)</source>
        <translation>LaTeX 文件 (*.tex)</translation>
    </message>
    <message>
        <source>Validation curves</source>
        <translation>验证集曲线</translation>
    </message>
    <message>
        <source>one seed: no interval over seeds; the paired tests are over the users of that seed</source>
        <translation>只有一个种子：没有跨种子的区间；配对检验基于该种子下的用户</translation>
    </message>
    <message>
        <source>the split varies with the seed: users are paired within a seed only</source>
        <translation>数据划分随种子变化：用户只在同一种子内配对</translation>
    </message>
    <message>
        <source>%1 of %2 experiments finished</source>
        <translation>%2 个实验中已完成 %1 个</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子数</translation>
    </message>
    <message>
        <source>Δ %1 vs student [95 % CI]</source>
        <translation>相对单独学生模型的 Δ %1 [95% 置信区间]</translation>
    </message>
    <message>
        <source>p (Holm)</source>
        <translation>p（Holm）</translation>
    </message>
    <message>
        <source>Mean per-user difference to the student alone of the same seed, with its paired bootstrap 95 % interval</source>
        <translation>与同一种子下单独学生模型相比，每个用户差值的均值，以及配对 bootstrap 95% 区间</translation>
    </message>
    <message>
        <source>Wilcoxon signed-rank p of the difference, Holm-adjusted over the methods of the cell; n.s. = not significant at %1</source>
        <translation>差值的 Wilcoxon 符号秩检验 p 值，经 Holm 方法在该单元的各方法间校正；n.s. = 在 %1 水平上不显著</translation>
    </message>
    <message>
        <source>runs %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source> n.s.</source>
        <translation> n.s.（不显著）</translation>
    </message>
    <message>
        <source>Study #%1 “%2”, seeds %3</source>
        <translation>研究 #%1“%2”，种子 %3</translation>
    </message>
    <message>
        <source>, %1 cells of a sweep</source>
        <translation>，扫描共 %1 个单元</translation>
    </message>
    <message>
        <source>Values: mean ± half-width of the 95 % t interval over seeds. Green: better than the student alone (Holm-adjusted Wilcoxon p &lt; %1); n.s.: not significant.</source>
        <translation>数值：各种子的均值 ± 95% t 区间的半宽。绿色：优于单独学生模型（Holm 校正后的 Wilcoxon p &lt; %1）；n.s.：不显著。</translation>
    </message>
    <message>
        <source>Note: %1.</source>
        <translation>注：%1。</translation>
    </message>
    <message>
        <source>Show as a study</source>
        <translation>按研究显示</translation>
    </message>
    <message>
        <source>The checked runs form a study: show each method&apos;s mean over the seeds with its interval and test, rather than every run on its own</source>
        <translation>勾选的运行构成一项研究：显示每种方法在各种子上的均值及其区间和检验，而不是逐个显示每次运行</translation>
    </message>
    <message>
        <source>Cell:</source>
        <translation>单元：</translation>
    </message>
    <message>
        <source>Frontier metric:</source>
        <translation>前沿指标：</translation>
    </message>
    <message>
        <source>Compression frontier</source>
        <translation>压缩前沿</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>No run is marked best: each run is one seed, and a difference between single runs may be seed noise. Repeat the experiment over seeds (Setup ▸ Repeat over seeds) to test it.</source>
        <translation>没有运行被标为最佳：每次运行只用了一个种子，单次运行之间的差异可能只是种子带来的噪声。请在多个种子上重复实验（设置 ▸ 多种子重复）来检验差异。</translation>
    </message>
    <message>
        <source>Test metrics (mean ± 95 % CI over seeds)</source>
        <translation>测试指标（各种子均值 ± 95% 置信区间）</translation>
    </message>
    <message>
        <source>Validation %1, seed %2 (teacher dashed)</source>
        <translation>验证集 %1，种子 %2（教师模型为虚线）</translation>
    </message>
    <message>
        <source>Compression frontier (%1)</source>
        <translation>压缩前沿（%1）</translation>
    </message>
    <message>
        <source>parameters ×1000 (log)</source>
        <translation>参数量 ×1000（对数）</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>training time (s)</source>
        <translation>训练时间（秒）</translation>
    </message>
    <message>
        <source>Cost on &amp;x:</source>
        <translation>横轴成本(&amp;X)：</translation>
    </message>
    <message>
        <source>Accuracy vs cost</source>
        <translation>准确率与成本</translation>
    </message>
    <message>
        <source>Latency p50 (ms)</source>
        <translation>延迟 p50（毫秒）</translation>
    </message>
    <message>
        <source>Training (s)</source>
        <translation>训练（秒）</translation>
    </message>
    <message>
        <source>Nothing to compare yet: tick runs in the Runs dock (Ctrl+F finds them), or run an experiment from the Setup tab (Ctrl+R); its runs are ticked when it ends.</source>
        <translation>还没有可比较的内容：在“运行记录”停靠栏中勾选运行（Ctrl+F 可查找），或在“设置”标签页运行一个实验（Ctrl+R）；实验结束时会自动勾选它的运行。</translation>
    </message>
    <message>
        <source>Accuracy vs cost (★ = Pareto front)</source>
        <translation>准确率与成本（★ = 帕累托前沿）</translation>
    </message>
    <message>
        <source>%1 (log)</source>
        <translation>%1（对数）</translation>
    </message>
    <message>
        <source>serving p50 (ms)</source>
        <translation>服务 p50（毫秒）</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <source>Serving p50 (ms)</source>
        <translation>服务 p50（毫秒）</translation>
    </message>
    <message>
        <source>%1 (embeddings)</source>
        <translation>%1（嵌入）</translation>
    </message>
    <message>
        <source>%1 (list)</source>
        <translation>%1（列表）</translation>
    </message>
    <message>
        <source>An external teacher: the values of the user and item embeddings it was given, not the parameters of the model that made them</source>
        <translation>外部教师：所给用户和物品嵌入中的数值个数，而不是生成它们的模型的参数</translation>
    </message>
    <message>
        <source>An external teacher: the score entries it was given (its lists), not parameters; the model that made them is unknown here</source>
        <translation>外部教师：所给的评分条目（其列表），不是参数；生成它们的模型在此未知</translation>
    </message>
    <message>
        <source>An external teacher: the bytes of its score list and embeddings</source>
        <translation>外部教师：其评分列表和嵌入的字节数</translation>
    </message>
    <message>
        <source>Top-10 for one user by brute force over the item embeddings, one thread, median over %1 users: the measure of bench_latency --serving (p99 %2 ms)</source>
        <translation>为单个用户在物品嵌入上暴力计算 Top-10，单线程，取 %1 个用户的中位数：即 bench_latency --serving 的测法（p99 为 %2 毫秒）</translation>
    </message>
    <message>
        <source>An external teacher is served elsewhere: nothing to time here</source>
        <translation>外部教师在别处提供服务：此处无可计时</translation>
    </message>
    <message>
        <source>%1 does not score by a dot product of embeddings; brute-force serving is not timed for it</source>
        <translation>%1 不以嵌入的点积打分；不对它计时暴力服务</translation>
    </message>
    <message>
        <source>Not measured: the run was recorded before serving latency was, or with latency_users 0. Run the experiment again to measure it.</source>
        <translation>未测量：该运行记录于开始测量服务延迟之前，或 latency_users 为 0。重新运行实验即可测量。</translation>
    </message>
</context>
<context>
    <name>rd::CoreText</name>
    <message>
        <source>None (student alone)</source>
        <translation>无（单独训练学生模型）</translation>
    </message>
    <message>
        <source>No distillation: the student learns only from the interactions, with its own loss (BPR). Every method is measured against this run, so the gap between it and the teacher is what distillation tries to close.</source>
        <translation>不做蒸馏：学生模型只用自己的损失（BPR）从交互数据中学习。所有方法都以这次运行为基准，它与教师模型之间的差距正是知识蒸馏要弥合的。</translation>
    </message>
    <message>
        <source>L = L_BPR</source>
        <translation>L = L_BPR</translation>
    </message>
    <message>
        <source>Soft labels (Hinton KD)</source>
        <translation>软标签（Hinton 知识蒸馏）</translation>
    </message>
    <message>
        <source>Classic knowledge distillation (Hinton et al. 2015) applied to ranking: for each user the teacher&apos;s scores on its top-K unobserved items are turned into a probability distribution with a softmax at temperature τ, and the student is pushed to reproduce that distribution with its own scores on the same items. The student learns not only which items the teacher prefers but by how much.</source>
        <translation>把经典知识蒸馏（Hinton 等，2015）用于排序：对每个用户，教师模型在其前 K 个未交互物品上的得分经温度为 τ 的 softmax 变成概率分布，学生模型要用自己在同样物品上的得分复现这个分布。学生模型不仅学到教师模型偏好哪些物品，还学到偏好的程度。</translation>
    </message>
    <message>
        <source>RD (ranking distillation)</source>
        <translation>RD（排序蒸馏）</translation>
    </message>
    <message>
        <source>CD (collaborative distillation)</source>
        <translation>CD（协同蒸馏）</translation>
    </message>
    <message>
        <source>Collaborative Distillation (Lee et al. 2019): each epoch, unobserved items are drawn for every user with a probability that falls with the teacher&apos;s rank (the better of two draws), and the teacher&apos;s scores on them become soft labels σ(t/T) between 0 and 1. The student fits those labels with a cross-entropy averaged over the items, so it learns how likely the teacher thinks each unseen item is, not just a yes/no.</source>
        <translation>协同蒸馏（Lee 等，2019）：每轮为每个用户抽取未交互物品，抽中概率随教师模型排名下降（两次抽取取排名更靠前的一个）；教师模型对这些物品的得分变成 0 到 1 之间的软标签 σ(t/T)。学生模型用对物品取平均的交叉熵拟合这些标签，因此学到的是教师模型认为每个未见物品有多大可能被喜欢，而不只是“是/否”。</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · mean over the batch&apos;s rows (u, ·) of −(1/|S_u|) Σ_{i∈S_u} [w_ui · log σ(s_ui) + (1−w_ui) · log(1−σ(s_ui))],  w_ui = σ(t_ui/T), S_u: each item the better-ranked of two draws from the teacher&apos;s top-M with p ∝ exp(−rank/μ)</source>
        <translation>L = L_BPR + λ · 对批次各行 (u, ·) 取平均：−(1/|S_u|) Σ_{i∈S_u} [w_ui · log σ(s_ui) + (1−w_ui) · log(1−σ(s_ui))]，  w_ui = σ(t_ui/T)，S_u：每个物品是从教师模型前 M 个物品中按 p ∝ exp(−rank/μ) 两次抽取里排名更靠前的一个</translation>
    </message>
    <message>
        <source>RRD (relaxed ranking distillation)</source>
        <translation>RRD（松弛排序蒸馏）</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · Σ_u −Σ_{k≤K} [s_k − log(Σ_{l≥k} e^{s_l} + Σ_{j∈unint} e^{s_j})] / B,  interesting items drawn from the teacher&apos;s top-M with p ∝ exp(−rank/T), in teacher order</source>
        <translation>L = L_BPR + λ · Σ_u −Σ_{k≤K} [s_k − log(Σ_{l≥k} e^{s_l} + Σ_{j∈unint} e^{s_j})] / B，  感兴趣物品以 p ∝ exp(−rank/T) 从教师模型的前 M 个物品中抽取，按教师模型的顺序排列</translation>
    </message>
    <message>
        <source>DE (distillation experts)</source>
        <translation>DE（蒸馏专家）</translation>
    </message>
    <message>
        <source>Distillation Experts from DE-RRD (Kang et al., CIKM 2020): the student&apos;s user and item embeddings are taught to carry the teacher&apos;s embeddings. Because the student is smaller, its embedding is mapped into the teacher&apos;s space by small expert networks; each entity picks an expert according to its teacher embedding (a soft pick that becomes hard as a temperature is annealed), so similar entities share an expert. With one expert this is plain hint (FitNets) distillation. With a sequential model (sasrec) a user&apos;s embedding is its encoding after the user&apos;s training history.</source>
        <translation>DE-RRD 中的蒸馏专家（Kang 等，CIKM 2020）：让学生模型的用户和物品嵌入承载教师模型嵌入中的信息。学生模型维度更小，其嵌入由小型专家网络映射到教师模型的空间；每个实体根据其教师嵌入选择一个专家（软选择，随温度退火逐渐变为硬选择），因此相似的实体共享同一个专家。只有一个专家时，就是普通的提示（FitNets）蒸馏。对于序列模型（sasrec），用户嵌入是读完该用户训练历史后的编码。</translation>
    </message>
    <message>
        <source>HTD (hierarchical topology distillation)</source>
        <translation>HTD（层次拓扑蒸馏）</translation>
    </message>
    <message>
        <source>DCD (dual correction distillation)</source>
        <translation>DCD（双重校正蒸馏）</translation>
    </message>
    <message>
        <source>UnKD (popularity-stratified KD)</source>
        <translation>UnKD（按流行度分层的知识蒸馏）</translation>
    </message>
    <message>
        <source>Unbiased Knowledge Distillation (Chen et al., WSDM 2023): plain distillation copies the teacher&apos;s popularity bias, so popular items get recommended even more. UnKD splits the items into G groups of equal total interactions (a few popular items, many unpopular ones) and only compares items of the same group: within each group it draws item pairs by the teacher&apos;s ranking and trains the student to order each pair like the teacher. Each user&apos;s loss is the mean over its pairs, so λ = 1 weighs it like the BPR loss.</source>
        <translation>无偏知识蒸馏（Chen 等，WSDM 2023）：普通蒸馏会复制教师模型的流行度偏差，使流行物品被推荐得更多。UnKD 把物品分成交互总量相等的 G 组（少数流行物品、大量冷门物品），只比较同组物品：在每组内按教师模型的排序抽取物品对，训练学生模型像教师模型一样为每对物品排序。每个用户的损失是其物品对上的平均值，因此 λ = 1 时它与 BPR 损失权重相当。</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · mean over the batch&apos;s rows (u, ·) of (1/P) Σ_g Σ_{(i,j) drawn in group g} −log σ(s_ui − s_uj),  P pairs per user split equally over the G groups, i ranked above j by the teacher within g, ranks drawn with p ∝ exp(−(r+1)/20)</source>
        <translation>L = L_BPR + λ · 对批内各行 (u, ·) 取平均的 (1/P) Σ_g Σ_{(i,j) 在组 g 中抽取} −log σ(s_ui − s_uj)，  每个用户 P 对，平均分配到 G 个组，组内教师模型把 i 排在 j 之前，名次以 p ∝ exp(−(r+1)/20) 抽取</translation>
    </message>
    <message>
        <source>MF (BPR)</source>
        <translation>MF（BPR）</translation>
    </message>
    <message>
        <source>Matrix factorisation: a user and an item embedding whose dot product is the score, trained with the BPR pairwise loss (Rendle et al., UAI 2009). The classic small student.</source>
        <translation>矩阵分解：用户嵌入与物品嵌入的点积即为得分，用 BPR 成对损失训练（Rendle 等，UAI 2009）。经典的小型学生模型。</translation>
    </message>
    <message>
        <source>NeuMF</source>
        <translation>NeuMF</translation>
    </message>
    <message>
        <source>Neural matrix factorisation: a generalised MF tower and a multi-layer perceptron over the concatenated user and item embeddings, fused by one output layer (He et al., WWW 2017). A typical deep-network teacher.</source>
        <translation>神经矩阵分解：一个广义 MF 塔和一个作用于拼接后用户、物品嵌入的多层感知机，由一个输出层融合（He 等，WWW 2017）。典型的深度网络教师模型。</translation>
    </message>
    <message>
        <source>LightGCN</source>
        <translation>LightGCN</translation>
    </message>
    <message>
        <source>Graph network: embeddings propagated over the normalised user–item graph for a few layers, the representation the mean of the layers (He et al., SIGIR 2020). A typical GNN teacher.</source>
        <translation>图网络：嵌入在归一化的用户–物品图上传播若干层，最终表示为各层的平均（He 等，SIGIR 2020）。典型的图神经网络教师模型。</translation>
    </message>
    <message>
        <source>Most popular</source>
        <translation>最流行</translation>
    </message>
    <message>
        <source>Recommends the items with the most training interactions to everyone. Nothing to learn; every model should clearly beat it.</source>
        <translation>向所有用户推荐训练交互最多的物品。无需学习；任何模型都应明显优于它。</translation>
    </message>
    <message>
        <source>G: popularity groups of equal interaction mass</source>
        <translation>G：交互总量相等的流行度分组数</translation>
    </message>
    <message>
        <source>Gumbel-softmax temperature at epoch 1</source>
        <translation>第 1 轮的 Gumbel-softmax 温度</translation>
    </message>
    <message>
        <source>K: groups (experts) per side</source>
        <translation>K：每一侧的分组（专家）数</translation>
    </message>
    <message>
        <source>K: interesting items per user</source>
        <translation>K：每个用户的“感兴趣”物品数</translation>
    </message>
    <message>
        <source>L2 weight on the batch&apos;s embeddings</source>
        <translation>批内嵌入的 L2 正则权重</translation>
    </message>
    <message>
        <source>L2 weight on the batch&apos;s layer-0 embeddings</source>
        <translation>批内第 0 层嵌入的 L2 正则权重</translation>
    </message>
    <message>
        <source>L: uninteresting items per user</source>
        <translation>L：每个用户的“不感兴趣”物品数</translation>
    </message>
    <message>
        <source>M: teacher&apos;s top-M items the draw comes from</source>
        <translation>M：从教师模型的前 M 个物品中抽样</translation>
    </message>
    <message>
        <source>P: item pairs per user and epoch, over all groups</source>
        <translation>P：每个用户每轮的物品对数（所有分组合计）</translation>
    </message>
    <message>
        <source>T: rank decay of the interesting draw</source>
        <translation>T：“感兴趣”物品抽样的排名衰减</translation>
    </message>
    <message>
        <source>T: rank-error scale inside tanh</source>
        <translation>T：tanh 内排名误差的尺度</translation>
    </message>
    <message>
        <source>T: soft label σ(t/T)</source>
        <translation>T：软标签 σ(t/T)</translation>
    </message>
    <message>
        <source>dropout after each hidden layer</source>
        <translation>每个隐藏层后的 dropout 比例</translation>
    </message>
    <message>
        <source>embedding size</source>
        <translation>嵌入维度</translation>
    </message>
    <message>
        <source>embedding size of each tower</source>
        <translation>每个塔的嵌入维度</translation>
    </message>
    <message>
        <source>epochs over which τ decays geometrically</source>
        <translation>τ 按几何级数衰减所经历的轮数</translation>
    </message>
    <message>
        <source>hidden layer sizes</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>items drawn per user and epoch</source>
        <translation>每个用户每轮抽取的物品数</translation>
    </message>
    <message>
        <source>number of experts (per side)</source>
        <translation>专家数（每一侧）</translation>
    </message>
    <message>
        <source>pointwise cross-entropy (as in the paper) or pairwise BPR</source>
        <translation>逐点交叉熵（与论文相同）或成对 BPR</translation>
    </message>
    <message>
        <source>propagation layers</source>
        <translation>传播层数</translation>
    </message>
    <message>
        <source>rank decay of the pair draw</source>
        <translation>物品对抽样的排名衰减</translation>
    </message>
    <message>
        <source>softmax temperature</source>
        <translation>softmax 温度</translation>
    </message>
    <message>
        <source>teacher&apos;s top items per group the pairs come from</source>
        <translation>每组中物品对所取自的教师模型前列物品数</translation>
    </message>
    <message>
        <source>teacher&apos;s top-K items per user</source>
        <translation>每个用户取教师模型的前 K 个物品</translation>
    </message>
    <message>
        <source>teacher&apos;s top-K items used as positives</source>
        <translation>作为正样本的教师模型前 K 个物品</translation>
    </message>
    <message>
        <source>temperature after annealing</source>
        <translation>退火后的温度</translation>
    </message>
    <message>
        <source>under- and over-estimated entries drawn per row</source>
        <translation>每行抽取的低估与高估条目数</translation>
    </message>
    <message>
        <source>weight of the distillation loss</source>
        <translation>蒸馏损失的权重</translation>
    </message>
    <message>
        <source>α: topology vs group-assignment balance</source>
        <translation>α：拓扑损失与分组分配损失之间的平衡</translation>
    </message>
    <message>
        <source>λ_r: how fast position weights decay</source>
        <translation>λ_r：位置权重的衰减速度</translation>
    </message>
    <message>
        <source>μ: rank decay of the draw probability (the reference&apos;s 20·M: nearly uniform)</source>
        <translation>μ：抽样概率的排名衰减（参考实现取 20·M：近乎均匀）</translation>
    </message>
    <message>
        <source>Recall@K: share of the user&apos;s test items found in the top K, averaged over users</source>
        <translation>召回率 Recall@K：用户的测试物品出现在前 K 个推荐中的比例，对所有用户取平均</translation>
    </message>
    <message>
        <source>NDCG@K: normalised discounted cumulative gain, test hits weighted by 1/log2(rank+1), 1 = ideal order</source>
        <translation>归一化折损累计增益 NDCG@K：命中的测试物品按 1/log2(排名+1) 加权，1 = 理想排序</translation>
    </message>
    <message>
        <source>Precision@K: share of the top K that are test items</source>
        <translation>精确率 Precision@K：前 K 个推荐中属于测试物品的比例</translation>
    </message>
    <message>
        <source>Hit@K: share of users with at least one test item in the top K</source>
        <translation>命中率 Hit@K：前 K 个推荐中至少有一个测试物品的用户比例</translation>
    </message>
    <message>
        <source>MRR@K: mean reciprocal rank of the first test item in the top K</source>
        <translation>平均倒数排名 MRR@K：前 K 个推荐中第一个测试物品排名的倒数的平均值</translation>
    </message>
    <message>
        <source>MAP@K: mean average precision over the top K</source>
        <translation>平均精度均值 MAP@K：前 K 个推荐上的平均精度的均值</translation>
    </message>
    <message>
        <source>Gini@K: inequality of item exposure in the top-K lists (0 = equal, 1 = one item gets all)</source>
        <translation>基尼系数 Gini@K：前 K 推荐列表中物品曝光的不均衡程度（0 = 完全均等，1 = 全部曝光给一个物品）</translation>
    </message>
    <message>
        <source>Novelty@K: mean self-information of recommended items, in bits (higher = less popular)</source>
        <translation>新颖度 Novelty@K：推荐物品的平均自信息，单位为比特（越高 = 越不流行）</translation>
    </message>
    <message>
        <source>LongTail@K: share of top-K slots given to long-tail items</source>
        <translation>长尾占比 LongTail@K：前 K 个推荐位中长尾物品所占的比例</translation>
    </message>
    <message>
        <source>ILD@K: intra-list diversity, mean dissimilarity of the items within a top-K list</source>
        <translation>列表内多样性 ILD@K：同一前 K 推荐列表内物品之间的平均差异度</translation>
    </message>
    <message>
        <source>Gap closed: (distilled − student alone) / (teacher − student alone) of the metric; 100% = teacher reached</source>
        <translation>差距弥合：该指标的（蒸馏后学生 − 单独学生）/（教师 − 单独学生）；100% = 达到教师模型水平</translation>
    </message>
    <message>
        <source>Trainable parameters of the model</source>
        <translation>模型的可训练参数量</translation>
    </message>
    <message>
        <source>Model size in bytes</source>
        <translation>模型大小（字节）</translation>
    </message>
    <message>
        <source>Epochs trained</source>
        <translation>已训练的轮数</translation>
    </message>
    <message>
        <source>Epoch with the best validation metric (the weights kept)</source>
        <translation>验证指标最佳的轮次（保留该轮的权重）</translation>
    </message>
    <message>
        <source>Training time in seconds</source>
        <translation>训练时间（秒）</translation>
    </message>
    <message>
        <source>Mean time per epoch in seconds</source>
        <translation>每轮平均时间（秒）</translation>
    </message>
    <message>
        <source>Evaluation time in seconds</source>
        <translation>评估时间（秒）</translation>
    </message>
    <message>
        <source>Median time to score and rank one user, in milliseconds</source>
        <translation>为一个用户打分并排序的中位时间（毫秒）</translation>
    </message>
    <message>
        <source>95th percentile time to score and rank one user, in milliseconds</source>
        <translation>为一个用户打分并排序的第 95 百分位时间（毫秒）</translation>
    </message>
    <message>
        <source>Users timed for the latency</source>
        <translation>用于测量延迟的用户数</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>expected %1 fields separated by %2 (%3), found %4</source>
        <translation>应有 %1 个以 %2 分隔的字段（%3），实际为 %4 个</translation>
    </message>
    <message>
        <source>expected at least %1 fields separated by %2, found %3</source>
        <translation>应至少有 %1 个以 %2 分隔的字段，实际为 %3 个</translation>
    </message>
    <message>
        <source>expected %1 fields separated by %2, found %3</source>
        <translation>应有 %1 个以 %2 分隔的字段，实际为 %3 个</translation>
    </message>
    <message>
        <source>the line seems to use %1 as separator</source>
        <translation>该行似乎使用 %1 作为分隔符</translation>
    </message>
    <message>
        <source>expected the header %1, found </source>
        <translation>表头应为 %1，实际为 </translation>
    </message>
    <message>
        <source>expected the file %1 in this folder</source>
        <translation>此文件夹中应有文件 %1</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>is a folder, expected a file</source>
        <translation>是文件夹，应为文件</translation>
    </message>
    <message>
        <source>cannot open: </source>
        <translation>无法打开：</translation>
    </message>
    <message>
        <source>file is empty; expected one interaction per line</source>
        <translation>文件为空；应每行一条交互</translation>
    </message>
    <message>
        <source>no interactions found; expected at least one valid line</source>
        <translation>未找到任何交互；应至少有一行有效数据</translation>
    </message>
    <message>
        <source>no lines with data; expected one interaction per line</source>
        <translation>没有包含数据的行；应每行一条交互</translation>
    </message>
    <message>
        <source>unknown format &apos;%1&apos;; expected auto or one of </source>
        <translation>未知格式“%1”；应为 auto 或以下之一：</translation>
    </message>
    <message>
        <source>preprocessing left no interactions: </source>
        <translation>预处理后没有剩余交互：</translation>
    </message>
    <message>
        <source>: expected an integer, got </source>
        <translation>：应为整数，实际为 </translation>
    </message>
    <message>
        <source>: expected a number, got </source>
        <translation>：应为数值，实际为 </translation>
    </message>
    <message>
        <source>: expected a string, got </source>
        <translation>：应为字符串，实际为 </translation>
    </message>
    <message>
        <source>: expected true or false</source>
        <translation>：应为 true 或 false</translation>
    </message>
    <message>
        <source>: expected an object of parameters</source>
        <translation>：应为参数对象</translation>
    </message>
    <message>
        <source>: expected an object</source>
        <translation>：应为对象</translation>
    </message>
    <message>
        <source>: expected a non-empty list of integers</source>
        <translation>：应为非空的整数列表</translation>
    </message>
    <message>
        <source>: expected one of %1, got </source>
        <translation>：应为 %1 之一，实际为 </translation>
    </message>
    <message>
        <source>: %1 is out of range </source>
        <translation>：%1 超出范围 </translation>
    </message>
    <message>
        <source>: unknown key (known: </source>
        <translation>：未知的键（可用：</translation>
    </message>
    <message>
        <source>: unknown parameter (known: </source>
        <translation>：未知的参数（可用：</translation>
    </message>
    <message>
        <source>unknown model &apos;%1&apos; (known: </source>
        <translation>未知模型“%1”（可用：</translation>
    </message>
    <message>
        <source>unknown distillation method &apos;%1&apos; (known: </source>
        <translation>未知蒸馏方法“%1”（可用：</translation>
    </message>
    <message>
        <source>: missing (e.g. </source>
        <translation>：缺失（例如 </translation>
    </message>
    <message>
        <source>: &apos;%1&apos; does not exist</source>
        <translation>：“%1”不存在</translation>
    </message>
    <message>
        <source>: needs a trained teacher</source>
        <translation>：需要已训练的教师模型</translation>
    </message>
    <message>
        <source>the experiment config must be a JSON object</source>
        <translation>实验配置必须是 JSON 对象</translation>
    </message>
    <message>
        <source>: expected a list of method names or objects</source>
        <translation>：应为方法名或对象的列表</translation>
    </message>
    <message>
        <source>: &quot;none&quot; is the student alone, which every experiment trains already</source>
        <translation>：“none”即单独训练的学生模型，每个实验都已包含</translation>
    </message>
    <message>
        <source>Agreement@K: share of the teacher&apos;s top K that the model also puts in its top K, averaged over users</source>
        <translation>一致率 Agreement@K：教师前 K 个推荐中也出现在该模型前 K 个推荐里的比例，按用户平均</translation>
    </message>
    <message>
        <source>ItemCoverage@K: share of the catalogue recommended in anyone&apos;s top K</source>
        <translation>物品覆盖率 ItemCoverage@K：出现在任一用户前 K 个推荐中的物品占全部物品的比例</translation>
    </message>
    <message>
        <source>Entropy@K: Shannon entropy of item exposure in the top-K lists, in bits (higher = exposure spread wider)</source>
        <translation>熵 Entropy@K：前 K 推荐列表中物品曝光分布的香农熵（比特；越高 = 曝光越分散）</translation>
    </message>
    <message>
        <source>EntropyNorm@K: exposure entropy divided by log2 of the number of items (1 = every item equally exposed)</source>
        <translation>归一化熵 EntropyNorm@K：曝光熵除以 log2(物品数)（1 = 所有物品曝光均等）</translation>
    </message>
    <message>
        <source>Personalization@K: 1 − mean overlap of the top-K lists of two users (higher = lists differ more between users)</source>
        <translation>个性化 Personalization@K：1 − 两个用户前 K 推荐列表的平均重合度（越高 = 用户之间列表差异越大）</translation>
    </message>
    <message>
        <source>AvgPopularity@K (ARP): mean training popularity of the recommended items (lower = less popularity bias)</source>
        <translation>平均流行度 AvgPopularity@K（ARP）：推荐物品在训练集中的平均流行度（越低 = 流行度偏差越小）</translation>
    </message>
    <message>
        <source>Test users evaluated</source>
        <translation>参与评估的测试用户数</translation>
    </message>
    <message>
        <source>The run whose saved teacher was loaded instead of training one</source>
        <translation>复用了其已保存教师模型的运行（未重新训练教师）</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>student alone</source>
        <translation>单独学生模型</translation>
    </message>
    <message>
        <source>distilled student</source>
        <translation>蒸馏后的学生模型</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>: expected a list of %1 numbers</source>
        <translation>：应为由 %1 个数字组成的列表</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>A file or folder, or &quot;demo&quot; for the built-in data set</source>
        <translation>文件或文件夹；输入“demo”使用内置数据集</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>auto detects the format from the file name and the first line</source>
        <translation>auto 根据文件名和第一行自动检测格式</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Text encoding of titles and genres (auto: UTF-8, or Latin-1 for MovieLens files that are not UTF-8)</source>
        <translation>标题和类型的文本编码（auto：UTF-8；不是 UTF-8 的 MovieLens 文件按 Latin-1 读取）</translation>
    </message>
    <message>
        <source>Skip bad lines</source>
        <translation>跳过错误行</translation>
    </message>
    <message>
        <source>Skip malformed lines (counted and reported) instead of stopping at the first</source>
        <translation>跳过格式错误的行（计数并报告），而不是在第一处错误停止</translation>
    </message>
    <message>
        <source>Keep ratings ≥</source>
        <translation>保留评分 ≥</translation>
    </message>
    <message>
        <source>Implicit feedback: interactions rated below are dropped</source>
        <translation>隐式反馈：评分低于此值的交互将被丢弃</translation>
    </message>
    <message>
        <source>Drop duplicates</source>
        <translation>删除重复</translation>
    </message>
    <message>
        <source>Drop duplicate interactions (keep the latest)</source>
        <translation>删除重复交互（保留最新的）</translation>
    </message>
    <message>
        <source>User k-core</source>
        <translation>用户 k-core</translation>
    </message>
    <message>
        <source>Iterative k-core: every user keeps at least this many interactions (0 = off)</source>
        <translation>迭代 k-core：每个用户至少保留这么多交互（0 = 关闭）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Item k-core</source>
        <translation>物品 k-core</translation>
    </message>
    <message>
        <source>Iterative k-core: every item keeps at least this many interactions (0 = off)</source>
        <translation>迭代 k-core：每个物品至少保留这么多交互（0 = 关闭）</translation>
    </message>
    <message>
        <source>Max users</source>
        <translation>最多用户数</translation>
    </message>
    <message>
        <source>Keep only the most active users, for quick trials (0 = all)</source>
        <translation>只保留最活跃的用户，用于快速试验（0 = 全部）</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Max items</source>
        <translation>最多物品数</translation>
    </message>
    <message>
        <source>Keep only the most popular items (0 = all)</source>
        <translation>只保留最流行的物品（0 = 全部）</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>How interactions are divided into train, validation and test</source>
        <translation>如何把交互划分为训练集、验证集和测试集</translation>
    </message>
    <message>
        <source>Random ratio per user</source>
        <translation>按用户随机比例划分</translation>
    </message>
    <message>
        <source>Leave one out (latest to test)</source>
        <translation>留一法（最新一条作测试）</translation>
    </message>
    <message>
        <source>Temporal ratio (global)</source>
        <translation>按时间比例划分（全局）</translation>
    </message>
    <message>
        <source>As given (pre-split data)</source>
        <translation>按给定划分（已划分的数据）</translation>
    </message>
    <message>
        <source>Ratios</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Shares of train, validation and test, e.g. 0.8, 0.1, 0.1 (random and temporal splits)</source>
        <translation>训练集、验证集和测试集的比例，例如 0.8, 0.1, 0.1（用于随机和按时间划分）</translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation>划分种子</translation>
    </message>
    <message>
        <source>Seed of the split: the same seed gives the same split everywhere</source>
        <translation>划分的随机种子：相同种子在任何机器上得到相同划分</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Most epochs per model (early stopping may end sooner)</source>
        <translation>每个模型的最大训练轮数（早停可能提前结束）</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Training triples per mini-batch</source>
        <translation>每个小批次的训练三元组数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>adam: torch.optim.Adam exactly, every embedding row&apos;s moments decay and the row moves at every step; lazy_adam: only the rows in the batch are updated (a row absent from batches keeps its moments and does not move; different results, measured no faster at dim 64)</source>
        <translation>adam：与 torch.optim.Adam 完全一致，每一步所有嵌入行的矩估计都会衰减、每一行都会更新；lazy_adam：只更新批次中出现的行（不在批次中的行保留其矩估计且不移动；结果不同，在 64 维下实测并不更快）</translation>
    </message>
    <message>
        <source>Adam (exact)</source>
        <translation>Adam（精确）</translation>
    </message>
    <message>
        <source>Lazy Adam (batch rows only)</source>
        <translation>Lazy Adam（仅批次中的行）</translation>
    </message>
    <message>
        <source>Adam learning rate</source>
        <translation>Adam 学习率</translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation>负样本数</translation>
    </message>
    <message>
        <source>Sampled negatives per positive</source>
        <translation>每个正样本采样的负样本数</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>验证间隔</translation>
    </message>
    <message>
        <source>Validate every this many epochs (0 = never)</source>
        <translation>每隔多少轮验证一次（0 = 从不）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>耐心值</translation>
    </message>
    <message>
        <source>Stop after this many validations without improvement (0 = never)</source>
        <translation>连续这么多次验证没有提升则停止（0 = 从不）</translation>
    </message>
    <message>
        <source>Valid metric</source>
        <translation>验证指标</translation>
    </message>
    <message>
        <source>Validation metric for early stopping and the best epoch</source>
        <translation>用于早停和选择最佳轮次的验证指标</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seed of initialisation and sampling</source>
        <translation>初始化与采样的随机种子</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>LibTorch threads (0 = all cores)</source>
        <translation>LibTorch 线程数（0 = 全部核心）</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>K values</source>
        <translation>K 值</translation>
    </message>
    <message>
        <source>Cut-offs for every metric, comma separated</source>
        <translation>所有指标的截断值 K，以逗号分隔</translation>
    </message>
    <message>
        <source>Eval batch</source>
        <translation>评估批大小</translation>
    </message>
    <message>
        <source>Users ranked at once in evaluation (more is faster, needs more memory)</source>
        <translation>评估时一次排序的用户数（越多越快，但需要更多内存）</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Adam weight decay, PyTorch&apos;s: added to every parameter&apos;s gradient every step</source>
        <translation>Adam 权重衰减（PyTorch 语义）：每一步都加到每个参数的梯度上</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>The model evaluated on test: the best validation epoch&apos;s or the last epoch&apos;s</source>
        <translation>在测试集上评估的模型：验证最佳轮次的模型或最后一个轮次的模型</translation>
    </message>
    <message>
        <source>Minimum epochs</source>
        <translation>最少轮次</translation>
    </message>
    <message>
        <source>Early stopping may not end training sooner (0 = the method&apos;s own minimum: htd&apos;s annealing length, none for the others)</source>
        <translation>提前停止不得早于此轮次结束训练（0 = 方法自身的最少轮次：htd 为其退火长度，其他方法没有下限）</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Dual Correction Distillation (Lee &amp; Kim, CIKM 2021): every few epochs the student ranks the teacher&apos;s top-M list of each user and of each item, and each entry&apos;s ranking error against the teacher is measured. Entries the student ranks lower than the teacher (under-estimated) and higher (over-estimated) are drawn each batch, more often the larger the error, and a relaxed ranking loss puts the first above the second — for each user over items and for each positive item over users — so the student corrects the order of the teacher&apos;s list where it disagrees. Defaults from run_dcd.py: M 500, refresh every 3 epochs.</source>
        <translation>双重纠正蒸馏（Lee &amp; Kim，CIKM 2021）：每隔几个轮次，学生对每个用户和每个物品的教师前 M 名列表重新排序，并测量每一项相对教师的排名误差。每个批次按误差大小抽取学生排得比教师低（低估）和高（高估）的项，用松弛排序损失让前者排在后者之上——对每个用户在物品上、对每个正样本物品在用户上——从而让学生在与教师不一致的地方纠正教师列表的顺序。默认值来自 run_dcd.py：M 为 500，每 3 个轮次更新一次。</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · [Σ_u RR(under_u ≻ over_u) + Σ_{i∈pos} RR(under_i ≻ over_i)] / B,  RR = −Σ_k [s_k − log(Σ_{l≥k} e^{s_l} + Σ_{j∈over} e^{s_j})],  p(under) ∝ tanh(max((r_S − r_T)/T, 0)), p(over) ∝ tanh(max((r_T − r_S)/T, 0)), ranks within the teacher&apos;s top-M</source>
        <translation>L = L_BPR + λ · [Σ_u RR(under_u ≻ over_u) + Σ_{i∈正样本} RR(under_i ≻ over_i)] / B，RR = −Σ_k [s_k − log(Σ_{l≥k} e^{s_l} + Σ_{j∈over} e^{s_j})]，p(under) ∝ tanh(max((r_S − r_T)/T, 0))，p(over) ∝ tanh(max((r_T − r_S)/T, 0))，排名在教师前 M 名之内计算</translation>
    </message>
    <message>
        <source>M: length of the teacher&apos;s list the student re-ranks</source>
        <translation>M：学生重新排序的教师列表长度</translation>
    </message>
    <message>
        <source>epochs between two measurements of the student&apos;s errors</source>
        <translation>两次测量学生误差之间的轮次数</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · [Σ_u ‖t_u − Σ_m z_um E_m(s_u)‖² + ½ (Σ_{i∈pos} + Σ_{j∈neg}) ‖t_i − Σ_m z_im E&apos;_m(s_i)‖²] / B,  z = GumbelSoftmax(softmax(W t), τ), E_m: dim_s → (dim_s+dim_t)/2 → dim_t; τ annealed from 1 to 1e-10 over 1,000 epochs (run.py, max_epoch 1000)</source>
        <translation>L = L_BPR + λ · [Σ_u ‖t_u − Σ_m z_um E_m(s_u)‖² + ½ (Σ_{i∈正样本} + Σ_{j∈负样本}) ‖t_i − Σ_m z_im E&apos;_m(s_i)‖²] / B，z = GumbelSoftmax(softmax(W t), τ)，E_m：dim_s → (dim_s+dim_t)/2 → dim_t；τ 在 1000 个轮次内从 1 退火到 1e-10（run.py，max_epoch 1000）</translation>
    </message>
    <message>
        <source>FTD (full topology distillation)</source>
        <translation>FTD（完整拓扑蒸馏）</translation>
    </message>
    <message>
        <source>Full Topology Distillation (Kang et al., KDD 2021): the student copies the teacher&apos;s whole similarity structure. For the users and items of each batch taken together, the cosine similarity of every pair in the student&apos;s space is pulled towards the same pair&apos;s in the teacher&apos;s space. Sizes of the two spaces may differ. Meant for students with enough capacity; HTD is the variant for small ones. Default λ 0.001 from the authors&apos; notebook. With a sequential model (sasrec) a user&apos;s embedding is its encoding after the user&apos;s training history.</source>
        <translation>完整拓扑蒸馏（Kang 等，KDD 2021）：学生复制教师的整个相似度结构。把每个批次的用户和物品放在一起，学生空间中每一对的余弦相似度都被拉向教师空间中同一对的相似度。两个空间的维度可以不同。适用于容量足够的学生；容量很小的学生用 HTD。默认 λ 为 0.001，取自作者的 notebook。对于序列模型（sasrec），用户嵌入是读完该用户训练历史后的编码。</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · Σ_{i,j ∈ users ∪ items of the batch} (cos_s(i, j) − cos_t(i, j))² / B</source>
        <translation>L = L_BPR + λ · Σ_{i,j ∈ 批次的用户 ∪ 物品} (cos_s(i, j) − cos_t(i, j))² / B</translation>
    </message>
    <message>
        <source>Hierarchical Topology Distillation (Kang et al., KDD 2021): instead of copying each embedding, the student copies the teacher&apos;s similarity structure. The batch&apos;s users and items are split into K topology groups per side by the teacher (the most likely group of a selection layer on teacher embeddings, learned with a DE-style group-assignment loss); the student then matches the teacher&apos;s cosine similarities between entities of the same group (where the teacher&apos;s is positive) and between every entity and every group prototype (&apos;second&apos; design; &apos;first&apos; compares prototypes with prototypes). Sizes of the two spaces may differ. Defaults from the authors&apos; notebook and model.py: K 30, α 0.5, λ 0.001, τ from 1 to 1e-10 over 100 epochs. With a sequential model (sasrec) a user&apos;s embedding is its encoding after the user&apos;s training history.</source>
        <translation>层次拓扑蒸馏（Kang 等，KDD 2021）：学生不逐个复制嵌入，而是复制教师的相似度结构。批次中的用户和物品由教师在每一侧分成 K 个拓扑组（基于教师嵌入的选择层中概率最大的组，用 DE 式的分组损失学习）；学生随后匹配教师在同组实体之间（教师相似度为正时）以及每个实体与每个组原型之间的余弦相似度（“second”设计；“first”比较原型与原型）。两个空间的维度可以不同。默认值来自作者的 notebook 和 model.py：K 为 30，α 为 0.5，λ 为 0.001，τ 在 100 个轮次内从 1 退火到 1e-10。对于序列模型（sasrec），用户嵌入是读完该用户训练历史后的编码。</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · [α · (Σ_{i,j same group, cos_t&gt;0}(cos_s − cos_t)² + Σ_{prototype k, entity i}(cos_s(P_k, e_i) − cos_t(P_k, e_i))²) + (1−α) · Σ_e ‖t_e − Σ_m z_em E_m(s_e)‖²] / B, over users and items together</source>
        <translation>L = L_BPR + λ · [α · (Σ_{i,j 同组, cos_t&gt;0}(cos_s − cos_t)² + Σ_{原型 k, 实体 i}(cos_s(P_k, e_i) − cos_t(P_k, e_i))²) + (1−α) · Σ_e ‖t_e − Σ_m z_em E_m(s_e)‖²] / B，用户和物品合在一起计算</translation>
    </message>
    <message>
        <source>group-level topology: second = prototype–entity (the authors&apos; default), first = prototype–prototype</source>
        <translation>组级拓扑：second = 原型–实体（作者的默认设计），first = 原型–原型</translation>
    </message>
    <message>
        <source>Ranking Distillation (Tang &amp; Wang, KDD 2018): the teacher&apos;s top-K unobserved items of each user are treated as extra positive items for the student, weighted by position so the teacher&apos;s first items count most (w_r ∝ exp(−r/λ_r)). The student learns to put the teacher&apos;s favourites near the top; after the first epochs each weight is also scaled by how far below that position the student still ranks the item (the paper&apos;s hybrid weighting), so items the student already ranks high stop being pushed. Defaults from distill_caser.py: K 10, λ_r 1, μ 0.1, 100 samples, hybrid from epoch 12.</source>
        <translation>排序蒸馏（Tang &amp; Wang，KDD 2018）：把教师给每个用户的前 K 个未交互物品当作学生的额外正样本，并按位置加权，使教师排在最前的物品最重要（w_r ∝ exp(−r/λ_r)）。学生学会把教师最喜欢的物品排到前面；在最初几个轮次之后，每个权重还会按学生把该物品排得比该位置低多少来缩放（论文中的混合权重），学生已经排得很靠前的物品就不再被推动。默认值来自 distill_caser.py：K 为 10，λ_r 为 1，μ 为 0.1，100 个采样，从第 12 个轮次起使用混合权重。</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · mean over the batch&apos;s rows (u, ·) of −Σ_{r≤K} w_r · log σ(s_{u,π_r}),  w_r = exp(−r/λ_r) / Σ_q exp(−q/λ_r) · max(0, tanh(μ (r̂_S − r))) (hybrid, after the first epochs)</source>
        <translation>L = L_BPR + λ · 对批次各行 (u, ·) 取平均的 −Σ_{r≤K} w_r · log σ(s_{u,π_r})，w_r = exp(−r/λ_r) / Σ_q exp(−q/λ_r) · max(0, tanh(μ (r̂_S − r)))（混合权重，从最初几个轮次之后开始）</translation>
    </message>
    <message>
        <source>hybrid = position × ranking-discrepancy weights (the paper&apos;s RD); static = position weights only</source>
        <translation>hybrid = 位置权重 × 排名差异权重（论文中的 RD）；static = 只用位置权重</translation>
    </message>
    <message>
        <source>μ: sharpness of the ranking-discrepancy weight</source>
        <translation>μ：排名差异权重的陡峭程度</translation>
    </message>
    <message>
        <source>items drawn to estimate the student&apos;s rank</source>
        <translation>用于估计学生排名而抽取的物品数</translation>
    </message>
    <message>
        <source>epochs of static weights before the hybrid ones</source>
        <translation>使用混合权重之前只用静态权重的轮次数</translation>
    </message>
    <message>
        <source>Relaxed Ranking Distillation from DE-RRD (Kang et al., CIKM 2020): each epoch, K &quot;interesting&quot; items are drawn from the teacher&apos;s top-M of every user (higher ranks more likely) and kept in the teacher&apos;s order, and L &quot;uninteresting&quot; items are drawn uniformly, without replacement, from outside the teacher&apos;s top-M and the user&apos;s training items. The student maximises the Plackett–Luce likelihood of the teacher&apos;s order of the interesting items, all above the uninteresting ones, without caring how the uninteresting ones are ordered among themselves.</source>
        <translation>DE-RRD 中的松弛排序蒸馏（Kang 等，CIKM 2020）：每个轮次从每个用户的教师前 M 名中抽取 K 个“感兴趣”物品（排名越靠前越可能被抽中）并保持教师的顺序，再从教师前 M 名和用户训练物品之外均匀、无放回地抽取 L 个“不感兴趣”物品。学生最大化感兴趣物品按教师顺序排列、且全部排在不感兴趣物品之上的 Plackett–Luce 似然，而不关心不感兴趣物品之间的顺序。</translation>
    </message>
    <message>
        <source>M: teacher&apos;s top-M items the interesting ones come from (and the uninteresting ones never do); 500 as in dataset.py</source>
        <translation>M：“感兴趣”物品取自教师的前 M 名（“不感兴趣”物品从不取自其中）；与 dataset.py 一样为 500</translation>
    </message>
    <message>
        <source>L = L_BPR + λ · mean over the batch&apos;s rows (u, ·) of τ² · KL(softmax(t_u/τ) ‖ softmax(s_u/τ)),  over the teacher&apos;s top-K items of u</source>
        <translation>L = L_BPR + λ · 对批次各行 (u, ·) 取平均的 τ² · KL(softmax(t_u/τ) ‖ softmax(s_u/τ))，在教师给 u 的前 K 个物品上计算</translation>
    </message>
    <message>
        <source>rows: a user&apos;s term counts once per training pair of the batch (RCEKD); users: once per distinct user</source>
        <translation>rows：用户的项按批次中每个训练对各计一次（RCEKD）；users：每个不同用户只计一次</translation>
    </message>
    <message>
        <source>embedding initialisation: xavier = Xavier normal (RecBole), normal = N(0, init_std²) (DE-RRD, Topology Distillation code)</source>
        <translation>嵌入初始化：xavier = Xavier 正态（RecBole），normal = N(0, init_std²)（DE-RRD、拓扑蒸馏的代码）</translation>
    </message>
    <message>
        <source>standard deviation of the normal initialisation</source>
        <translation>正态初始化的标准差</translation>
    </message>
    <message>
        <source>An external teacher&apos;s stored score entries (its size as given: it has no parameters here)</source>
        <translation>外部教师存储的评分条目数（即所给的大小：它在此没有参数）</translation>
    </message>
    <message>
        <source>Values in an external teacher&apos;s user and item embeddings</source>
        <translation>外部教师用户和物品嵌入中的数值个数</translation>
    </message>
    <message>
        <source>Median time to serve one user: top-10 by brute force over the item embeddings, one thread (as bench_latency --serving)</source>
        <translation>为单个用户提供服务的中位时间：在物品嵌入上暴力计算 Top-10，单线程（同 bench_latency --serving）</translation>
    </message>
    <message>
        <source>99th percentile time to serve one user: top-10 by brute force over the item embeddings, one thread</source>
        <translation>为单个用户提供服务的第 99 百分位时间：在物品嵌入上暴力计算 Top-10，单线程</translation>
    </message>
    <message>
        <source>Bytes of the item embeddings a server scans per user (float32)</source>
        <translation>服务每个用户时扫描的物品嵌入字节数（float32）</translation>
    </message>
    <message>
        <source>loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message>
        <source>%1: %2 users, %3 items, %4 interactions; split %5 %6/%7/%8 (train/validation/test); %9 threads</source>
        <translation>%1：%2 个用户，%3 个物品，%4 条交互；划分 %5 %6/%7/%8（训练/验证/测试）；%9 个线程</translation>
    </message>
    <message>
        <source>%1: early stop at epoch %2, best epoch %3</source>
        <translation>%1：第 %2 轮提前停止，最佳为第 %3 轮</translation>
    </message>
    <message>
        <source>%1: loaded %2</source>
        <translation>%1：已加载 %2</translation>
    </message>
    <message>
        <source>%1: reusing the saved teacher of run %2 (%3)</source>
        <translation>%1：复用运行 %2 保存的教师模型（%3）</translation>
    </message>
    <message>
        <source>%1: %2 users have no scores; they train on the student&apos;s own loss alone</source>
        <translation>%1：%2 个用户没有分数；他们只用学生模型自身的损失训练</translation>
    </message>
    <message>
        <source>%1: not evaluated: the teacher scores %2 of the %3 test users</source>
        <translation>%1：未评估：教师模型只为 %3 个测试用户中的 %2 个打分</translation>
    </message>
    <message>
        <source>warning: run store: %1; this stage is no longer recorded</source>
        <translation>警告：运行数据库：%1；此阶段不再记录</translation>
    </message>
    <message>
        <source>%1: failed: %2</source>
        <translation>%1：失败：%2</translation>
    </message>
    <message>
        <source>study %1: experiment %2 (%3) is removed and run again</source>
        <translation>研究 %1：实验 %2（%3）被移除并重新运行</translation>
    </message>
    <message>
        <source>SampledHR@K: share of held-out items ranked in the top K among themselves and the sampled items (eval.sampled_negatives; SASRec&apos;s protocol, not comparable with full ranking)</source>
        <translation>SampledHR@K：留出物品在其自身与采样物品中排进前 K 的比例（eval.sampled_negatives；SASRec 的评测协议，不能与全量排序比较）</translation>
    </message>
    <message>
        <source>SampledNDCG@K: 1/log2(rank+2) of each held-out item ranked among itself and the sampled items when in the top K, else 0 (SASRec&apos;s protocol, not comparable with full ranking)</source>
        <translation>SampledNDCG@K：每个留出物品在其自身与采样物品中的排名进入前 K 时为 1/log2(rank+2)，否则为 0（SASRec 的评测协议，不能与全量排序比较）</translation>
    </message>
    <message>
        <source>Adam β2</source>
        <translation>Adam β2</translation>
    </message>
    <message>
        <source>Adam&apos;s second-moment decay (torch&apos;s betas[1]; SASRec&apos;s code: 0.98)</source>
        <translation>Adam 二阶矩衰减（torch 的 betas[1]；SASRec 代码用 0.98）</translation>
    </message>
    <message>
        <source>Sampled negatives</source>
        <translation>采样负样本</translation>
    </message>
    <message>
        <source>Also rank each held-out item against this many sampled items (SampledHR, SampledNDCG: SASRec&apos;s protocol, for reproducing papers; not comparable with full ranking)</source>
        <translation>另外将每个留出物品与这么多采样物品一起排序（SampledHR、SampledNDCG：SASRec 的评测协议，用于复现论文；不能与全量排序比较）</translation>
    </message>
    <message>
        <source>SASRec (sequential)</source>
        <translation>SASRec（序列模型）</translation>
    </message>
    <message>
        <source>A transformer over each user&apos;s history in time order: item and position embeddings, blocks of causal self-attention and feed-forward layers, the next item scored against the item embeddings (Kang &amp; McAuley, ICDM 2018). Trains on every position of a user&apos;s sequence at once with one sampled negative per position. Needs timestamps; a user&apos;s representation is the encoding after the history (training items, plus the validation item when ranking test).</source>
        <translation>按时间顺序读取每个用户历史的 Transformer：物品嵌入与位置嵌入、若干因果自注意力与前馈层，用物品嵌入为下一个物品打分（Kang 与 McAuley，ICDM 2018）。一次训练用户序列的所有位置，每个位置采样一个负样本。需要时间戳；用户表示是读完历史后的编码（训练物品，排序测试集时再加上验证物品）。</translation>
    </message>
    <message>
        <source>hidden size (item and position embeddings)</source>
        <translation>隐藏维度（物品与位置嵌入）</translation>
    </message>
    <message>
        <source>self-attention blocks</source>
        <translation>自注意力块数</translation>
    </message>
    <message>
        <source>attention heads (dim must be a multiple)</source>
        <translation>注意力头数（dim 须为其整数倍）</translation>
    </message>
    <message>
        <source>feed-forward inner size (0 = the hidden size, as the authors)</source>
        <translation>前馈层内部维度（0 = 与隐藏维度相同，同作者）</translation>
    </message>
    <message>
        <source>dropout on embeddings, attention weights and feed-forward</source>
        <translation>嵌入、注意力权重与前馈层上的 dropout</translation>
    </message>
    <message>
        <source>longest history read (the most recent items are kept)</source>
        <translation>读取的最长历史（保留最近的物品）</translation>
    </message>
    <message>
        <source>bce = one sampled negative per position (the authors); ce = softmax over every item (RecBole)</source>
        <translation>bce = 每个位置一个采样负样本（作者做法）；ce = 对所有物品做 softmax（RecBole）</translation>
    </message>
    <message>
        <source>post = layer norm after each residual (the reference&apos;s default); pre = before attention and feed-forward (its --norm_first)</source>
        <translation>post = 每个残差之后做层归一化（参考实现的默认）；pre = 在注意力与前馈之前（其 --norm_first）</translation>
    </message>
    <message>
        <source>attended = every position also attends to the padding before a short history (the reference&apos;s default); masked = padding keys masked and padding outputs zeroed after every block, as the authors&apos; TensorFlow code, which lets a batch skip the padding (faster)</source>
        <translation>attended = 每个位置也关注短历史之前的填充（参考实现的默认）；masked = 屏蔽填充键，并在每个块之后将填充位置的输出置零，与作者的 TensorFlow 代码相同，使批次可以跳过填充（更快）</translation>
    </message>
    <message>
        <source>Loss reduction</source>
        <translation>损失归约</translation>
    </message>
    <message>
        <source>mean over the batch&apos;s rows (RecBole) or their sum (the Topology Distillation and DE-RRD code); differs only next to weight decay</source>
        <translation>对批次各行取平均（RecBole）或求和（Topology Distillation 与 DE-RRD 的代码）；仅在有权重衰减时结果不同</translation>
    </message>
</context>
<context>
    <name>rd::DataTab</name>
    <message>
        <source>No data set open</source>
        <translation>未打开数据集</translation>
    </message>
    <message>
        <source>format %1</source>
        <translation>格式 %1</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>正在加载 %1 …</translation>
    </message>
    <message>
        <source>Could not open the data set (the previous one stays open): %1</source>
        <translation>无法打开数据集（之前的数据集保持打开）：%1</translation>
    </message>
</context>
<context>
    <name>rd::DatasetLoadJob</name>
    <message>
        <source>%1: not enough memory to load this data set</source>
        <translation>%1：内存不足，无法加载此数据集</translation>
    </message>
</context>
<context>
    <name>rd::DatasetStatsView</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>内容哈希</translation>
    </message>
    <message>
        <source>Identifies the interactions exactly; runs record it</source>
        <translation>精确标识交互数据；每次运行都会记录它</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户数</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物品数</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交互数</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Popularity</source>
        <translation>流行度</translation>
    </message>
    <message>
        <source>Top 1 % of items hold</source>
        <translation>前 1% 的物品占有</translation>
    </message>
    <message>
        <source>Top 10 % of items hold</source>
        <translation>前 10% 的物品占有</translation>
    </message>
    <message>
        <source>Top 20 % of items hold</source>
        <translation>前 20% 的物品占有</translation>
    </message>
    <message>
        <source>Given split</source>
        <translation>给定的划分</translation>
    </message>
    <message>
        <source>Training interactions</source>
        <translation>训练交互数</translation>
    </message>
    <message>
        <source>Validation interactions</source>
        <translation>验证交互数</translation>
    </message>
    <message>
        <source>Test interactions</source>
        <translation>测试交互数</translation>
    </message>
    <message>
        <source>Items only in validation/test</source>
        <translation>仅出现在验证/测试集中的物品</translation>
    </message>
    <message>
        <source>Interactions per user and per item</source>
        <translation>每个用户与每个物品的交互数</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Per user</source>
        <translation>每个用户</translation>
    </message>
    <message>
        <source>Per item</source>
        <translation>每个物品</translation>
    </message>
    <message>
        <source>This data set has no ratings (implicit feedback only).</source>
        <translation>此数据集没有评分（仅隐式反馈）。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>rd::DiversityTab</name>
    <message>
        <source>Coverage@10</source>
        <translation>Coverage@10</translation>
    </message>
    <message>
        <source>Share of the catalogue recommended in anyone&apos;s top 10</source>
        <translation>覆盖率：出现在任一用户前 10 个推荐中的物品占全部物品的比例</translation>
    </message>
    <message>
        <source>Novelty@10</source>
        <translation>Novelty@10</translation>
    </message>
    <message>
        <source>Mean self-information of recommended items, in bits (higher = less popular)</source>
        <translation>新颖度：推荐物品的平均自信息，单位为比特（越高 = 越不流行）</translation>
    </message>
    <message>
        <source>Long tail@10</source>
        <translation>LongTail@10</translation>
    </message>
    <message>
        <source>Share of top-10 slots given to long-tail items</source>
        <translation>长尾占比：前 10 个推荐位中长尾物品所占的比例</translation>
    </message>
    <message>
        <source>ILD@10</source>
        <translation>ILD@10</translation>
    </message>
    <message>
        <source>Intra-list distance: mean dissimilarity of the items within one top 10</source>
        <translation>列表内多样性：同一前 10 推荐列表内物品之间的平均差异度</translation>
    </message>
    <message>
        <source>Gini@10</source>
        <translation>Gini@10</translation>
    </message>
    <message>
        <source>Gini coefficient of the exposure: 0 = every item recommended equally often, 1 = all slots to one item (the Lorenz curve&apos;s distance from the diagonal)</source>
        <translation>曝光的基尼系数：0 = 每个物品被推荐的次数相同，1 = 所有推荐位都给同一个物品（洛伦兹曲线偏离对角线的程度）</translation>
    </message>
    <message>
        <source>Select rows to show only those runs in the charts</source>
        <translation>选中若干行，图表中就只显示这些运行</translation>
    </message>
</context>
<context>
    <name>rd::ExperimentRunner</name>
    <message>
        <source>An experiment is already running. Wait for it to finish or cancel it first.</source>
        <translation>已有实验正在运行。请等待其完成或先取消。</translation>
    </message>
</context>
<context>
    <name>rd::ExperimentWorker</name>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>%1: the curves shown are those of run %2, whose trained model is reused</source>
        <translation>%1：显示的曲线来自运行 %2，复用的正是它训练好的模型</translation>
    </message>
</context>
<context>
    <name>rd::ExplanationPanel</name>
    <message>
        <source>Train the teacher</source>
        <translation>训练教师模型</translation>
    </message>
    <message>
        <source>Train the student alone</source>
        <translation>单独训练学生模型</translation>
    </message>
    <message>
        <source>&lt;p&gt;The &lt;b&gt;teacher&lt;/b&gt; is a large, accurate model, trained first on the interactions alone. Its rankings are what the students learn from.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;教师模型&lt;/b&gt;是一个大而准确的模型，首先仅用交互数据训练。学生模型学习的正是它给出的排序。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The &lt;b&gt;student&lt;/b&gt; is a small, fast model. Trained alone, without the teacher, it is the baseline: knowledge distillation tries to close the gap between it and the teacher.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;学生模型&lt;/b&gt;是一个小而快的模型。不借助教师模型单独训练时，它就是基准：知识蒸馏要弥合的正是它与教师模型之间的差距。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The same student now trains again, with a second loss that carries the teacher&apos;s knowledge:&lt;/p&gt;</source>
        <translation>&lt;p&gt;同一个学生模型重新训练，这次多了一项承载教师模型知识的损失：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>&lt;p&gt;Start an experiment (Ctrl+R): this panel follows it step by step and explains what the teacher, the student and each distillation method do.&lt;/p&gt;</source>
        <translation>&lt;p&gt;启动一个实验（Ctrl+R）：本面板会逐步跟随实验，讲解教师模型、学生模型和每种蒸馏方法在做什么。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Experiment %1.&lt;/b&gt; Compare the students with the teacher in the Compare tab.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;实验%1。&lt;/b&gt;请在“比较”页把各学生模型与教师模型进行比较。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Preparing the data …&lt;/p&gt;</source>
        <translation>&lt;p&gt;正在准备数据 …&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Distil: %1</source>
        <translation>蒸馏：%1</translation>
    </message>
</context>
<context>
    <name>rd::ExportModelDialog</name>
    <message>
        <source>Export model — run %1</source>
        <translation>导出模型 — 运行 %1</translation>
    </message>
    <message>
        <source>%1
Writes the id maps, the embeddings (or NeuMF&apos;s weights) and manifest.json with the scoring rule, for serving outside the workbench.</source>
        <translation>%1
写出 ID 映射、嵌入（或 NeuMF 的权重）以及带打分规则的 manifest.json，供在工作台之外部署使用。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>NumPy (.npy)</source>
        <translation>NumPy（.npy）</translation>
    </message>
    <message>
        <source>CSV text</source>
        <translation>CSV 文本</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Arrays as:</source>
        <translation>数组格式：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export model to folder</source>
        <translation>将模型导出到文件夹</translation>
    </message>
    <message>
        <source>Exporting… (the run&apos;s data is loaded again, which can take a while)</source>
        <translation>正在导出…（需要重新加载该运行的数据，可能需要一些时间）</translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>rd::ExternalTeacherForm</name>
    <message>
        <source>Scores:</source>
        <translation>评分文件：</translation>
    </message>
    <message>
        <source>The teacher&apos;s scores: a text file of user&lt;TAB&gt;item&lt;TAB&gt;score lines (original ids), or a .npy users × items matrix with users.txt and items.txt beside it</source>
        <translation>教师的评分：每行为 user&lt;TAB&gt;item&lt;TAB&gt;score 的文本文件（原始 ID），或一个用户 × 物品的 .npy 矩阵，旁边放 users.txt 和 items.txt</translation>
    </message>
    <message>
        <source>Teacher scores (*.tsv *.txt *.csv *.npy);;All files (*)</source>
        <translation>教师评分 (*.tsv *.txt *.csv *.npy);;所有文件 (*)</translation>
    </message>
    <message>
        <source>User embeddings:</source>
        <translation>用户嵌入：</translation>
    </message>
    <message>
        <source>Optional: the teacher&apos;s user embeddings (.npy, rows in the order of users.txt beside it), for the methods that distil representations (DE, HTD, FTD)</source>
        <translation>可选：教师的用户嵌入（.npy，行按旁边 users.txt 的顺序），供蒸馏表示的方法使用（DE、HTD、FTD）</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy);;All files (*)</source>
        <translation>NumPy 数组 (*.npy);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Item embeddings:</source>
        <translation>物品嵌入：</translation>
    </message>
    <message>
        <source>Optional: the teacher&apos;s item embeddings (.npy, rows in the order of items.txt beside it); needed together with the user embeddings</source>
        <translation>可选：教师的物品嵌入（.npy，行按旁边 items.txt 的顺序）；须与用户嵌入一起给出</translation>
    </message>
    <message>
        <source>refuse the file</source>
        <translation>拒绝该文件</translation>
    </message>
    <message>
        <source>skip those users</source>
        <translation>跳过这些用户</translation>
    </message>
    <message>
        <source>Users of the data set the file gives no scores: refuse the teacher (listing them), or train them on the student&apos;s own loss alone</source>
        <translation>文件没有给出评分的数据集用户：拒绝该教师（并列出这些用户），或只用学生自身的损失训练他们</translation>
    </message>
    <message>
        <source>Users without scores:</source>
        <translation>无评分的用户：</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Choose the teacher&apos;s scores file.</source>
        <translation>请选择教师的评分文件。</translation>
    </message>
    <message>
        <source>No such file: %1</source>
        <translation>文件不存在：%1</translation>
    </message>
    <message>
        <source>Give both embeddings, or neither.</source>
        <translation>请同时给出两种嵌入，或都不给。</translation>
    </message>
</context>
<context>
    <name>rd::ImportDialog</name>
    <message>
        <source>Auto-detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>逗号（ , ）</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>分号（ ; ）</translation>
    </message>
    <message>
        <source>Double colon ( :: )</source>
        <translation>双冒号（ :: ）</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Import delimited file — %1</source>
        <translation>导入分隔文本文件 — %1</translation>
    </message>
    <message>
        <source>First line is a header</source>
        <translation>第一行是表头</translation>
    </message>
    <message>
        <source>Keep ratings ≥</source>
        <translation>保留评分 ≥</translation>
    </message>
    <message>
        <source>Implicit feedback: interactions rated below the threshold are dropped by the experiment&apos;s preprocessing (Setup tab)</source>
        <translation>隐式反馈：评分低于阈值的交互将在实验预处理时被丢弃（见“设置”页）</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <source>Rating threshold:</source>
        <translation>评分阈值：</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Preview of the first lines; choose what each column holds:</source>
        <translation>前几行的预览；请选择每一列的含义：</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2)</source>
        <translation>%1：无法读取（%2）</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>The file has no lines with data.</source>
        <translation>文件中没有包含数据的行。</translation>
    </message>
    <message>
        <source>Cannot tell the separator; choose one.</source>
        <translation>无法判断分隔符，请选择一个。</translation>
    </message>
    <message>
        <source>Choose exactly one user column and one item column.</source>
        <translation>请恰好选择一个用户列和一个物品列。</translation>
    </message>
    <message>
        <source>Choose at most one rating column and one timestamp column.</source>
        <translation>评分列和时间戳列最多各选一个。</translation>
    </message>
    <message>
        <source>A rating threshold needs a rating column.</source>
        <translation>设置评分阈值需要评分列。</translation>
    </message>
</context>
<context>
    <name>rd::LiveTab</name>
    <message>
        <source>No experiment running. Start one from the Setup tab (Ctrl+R).</source>
        <translation>没有正在运行的实验。请在“设置”页启动（Ctrl+R）。</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>NDCG@10</source>
        <translation>NDCG@10</translation>
    </message>
    <message>
        <source>Each loss term has its own chart: the base ranking loss for every stage, each method&apos;s distillation term for its stage</source>
        <translation>每个损失项各有一张图：所有阶段的基础排序损失，以及各方法在其阶段的蒸馏损失项</translation>
    </message>
    <message>
        <source>Loss term:</source>
        <translation>损失项：</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Validation %1</source>
        <translation>验证集 %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Loss: %1</source>
        <translation>损失：%1</translation>
    </message>
    <message>
        <source>mean per batch</source>
        <translation>每批平均值</translation>
    </message>
    <message>
        <source>epoch %1 / %2</source>
        <translation>第 %1 / %2 轮</translation>
    </message>
    <message>
        <source>evaluating</source>
        <translation>评估中</translation>
    </message>
    <message>
        <source>reused</source>
        <translation>已复用</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Finished in %1. Compare the runs in the Compare tab.</source>
        <translation>用时 %1 完成。请在“比较”页比较各次运行。</translation>
    </message>
    <message>
        <source>Cancelled after %1.</source>
        <translation>运行 %1 后已取消。</translation>
    </message>
    <message>
        <source>Failed after %1: %2</source>
        <translation>运行 %1 后失败：%2</translation>
    </message>
    <message>
        <source>Experiment %1.</source>
        <translation>实验%1。</translation>
    </message>
    <message>
        <source>Elapsed %1, about %2 left</source>
        <translation>已用 %1，约剩 %2</translation>
    </message>
    <message>
        <source>Elapsed %1</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <source>Experiment %1 of %2 (seed %3)</source>
        <translation>第 %1 / %2 个实验（种子 %3）</translation>
    </message>
    <message>
        <source>Experiment %1 of %2 (%3, seed %4)</source>
        <translation>第 %1 / %2 个实验（%3，种子 %4）</translation>
    </message>
    <message>
        <source>Study finished in %1. The Compare tab shows it as a study.</source>
        <translation>研究完成，用时 %1。比较页按研究显示结果。</translation>
    </message>
    <message>
        <source>Study: elapsed %1, about %2 left</source>
        <translation>研究：已用 %1，约剩 %2</translation>
    </message>
    <message>
        <source>Study: elapsed %1</source>
        <translation>研究：已用 %1</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <source>epoch %1, best at %2, stops by %3 at the latest</source>
        <translation>第 %1 轮，最佳在第 %2 轮，最迟第 %3 轮停止</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>rd::MainWindow</name>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Setup</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>实时(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>D&amp;iversity</source>
        <translation>多样性(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>Could not open the run database %1: %2</source>
        <translation>无法打开运行数据库 %1：%2</translation>
    </message>
    <message>
        <source>Runs — %1</source>
        <translation>运行记录 — %1</translation>
    </message>
    <message>
        <source>The experiment config is not valid: %1</source>
        <translation>实验配置无效：%1</translation>
    </message>
    <message>
        <source>No run database is open.</source>
        <translation>未打开运行数据库。</translation>
    </message>
    <message>
        <source>Cannot start the experiment</source>
        <translation>无法启动实验</translation>
    </message>
    <message>
        <source>Running %1 …</source>
        <translation>正在运行 %1 …</translation>
    </message>
    <message>
        <source>Cancelling — the running stage stops within a mini-batch …</source>
        <translation>正在取消——当前阶段将在一个小批次内停止 …</translation>
    </message>
    <message>
        <source>Experiment finished</source>
        <translation>实验已完成</translation>
    </message>
    <message>
        <source>Experiment %1</source>
        <translation>实验%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open data set…</source>
        <translation>打开数据集(&amp;O)…</translation>
    </message>
    <message>
        <source>Open data &amp;folder…</source>
        <translation>打开数据文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Import delimited file…</source>
        <translation>导入分隔文本文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Open d&amp;emo data set</source>
        <translation>打开演示数据集(&amp;E)</translation>
    </message>
    <message>
        <source>Open run &amp;database…</source>
        <translation>打开运行数据库(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;New run database…</source>
        <translation>新建运行数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start experiment</source>
        <translation>开始实验(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel experiment</source>
        <translation>取消实验(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Distillation &amp;methods</source>
        <translation>蒸馏方法(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;About RecDistill</source>
        <translation>关于 RecDistill(&amp;A)</translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db);;All files (*)</source>
        <translation>运行数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New run database</source>
        <translation>新建运行数据库</translation>
    </message>
    <message>
        <source>Open run database</source>
        <translation>打开运行数据库</translation>
    </message>
    <message>
        <source>Cannot switch databases</source>
        <translation>无法切换数据库</translation>
    </message>
    <message>
        <source>An experiment is running; it records into the open database.</source>
        <translation>有实验正在运行，它正在写入当前打开的数据库。</translation>
    </message>
    <message>
        <source>Could not open the run database</source>
        <translation>无法打开运行数据库</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes when RecDistill is restarted.</source>
        <translation>界面语言将在重新启动 RecDistill 后更改。</translation>
    </message>
    <message>
        <source>Distillation methods</source>
        <translation>蒸馏方法</translation>
    </message>
    <message>
        <source>the built-in demo data set</source>
        <translation>内置演示数据集</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>正在加载 %1 …</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <source>%1 — RecDistill</source>
        <translation>%1 — RecDistill</translation>
    </message>
    <message>
        <source>Could not open the data set</source>
        <translation>无法打开数据集</translation>
    </message>
    <message>
        <source>Open data set</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>Interaction files (*.data *.dat *.csv *.tsv *.txt *.inter);;All files (*)</source>
        <translation>交互数据文件 (*.data *.dat *.csv *.tsv *.txt *.inter);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open data folder (MovieLens, LightGCN train/valid/test)</source>
        <translation>打开数据文件夹（MovieLens、LightGCN train/valid/test）</translation>
    </message>
    <message>
        <source>Import delimited file</source>
        <translation>导入分隔文本文件</translation>
    </message>
    <message>
        <source>Delimited text (*.csv *.tsv *.txt *.dat *.data *.inter);;All files (*)</source>
        <translation>分隔文本 (*.csv *.tsv *.txt *.dat *.data *.inter);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;RecDistill %1&lt;/h3&gt;&lt;p&gt;A workbench for knowledge distillation in recommender systems.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch %3.&lt;/p&gt;&lt;p&gt;The MovieLens data sets are collected and published by GroupLens Research (&lt;a href=&quot;https://grouplens.org&quot;&gt;grouplens.org&lt;/a&gt;). RecDistill never bundles them: load them from your own download and acknowledge GroupLens when you publish.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RecDistill %1&lt;/h3&gt;&lt;p&gt;推荐系统知识蒸馏工作台。&lt;/p&gt;&lt;p&gt;基于 Qt %2 和 LibTorch %3 构建。&lt;/p&gt;&lt;p&gt;MovieLens 数据集由 GroupLens Research 收集并发布（&lt;a href=&quot;https://grouplens.org&quot;&gt;grouplens.org&lt;/a&gt;）。RecDistill 从不附带这些数据：请自行下载后加载，并在发表成果时致谢 GroupLens。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About RecDistill</source>
        <translation>关于 RecDistill</translation>
    </message>
    <message>
        <source>An experiment is running</source>
        <translation>有实验正在运行</translation>
    </message>
    <message>
        <source>Cancel the running experiment and quit? The stage in progress is recorded as cancelled; finished stages are kept.</source>
        <translation>取消正在运行的实验并退出？进行中的阶段将记录为已取消，已完成的阶段会保留。</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>正在取消 …</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>界面语言：%1</translation>
    </message>
    <message>
        <source>&amp;Demo pace (slower, same results)</source>
        <translation>演示节奏（更慢，结果不变）(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Larger fonts and thicker lines for a projector, with the explanation panel</source>
        <translation>适合投影仪的更大字体和更粗线条，并显示讲解面板</translation>
    </message>
    <message>
        <source>Export run database</source>
        <translation>导出运行数据库</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite)</source>
        <translation>SQLite 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <source>Could not export the run database</source>
        <translation>无法导出运行数据库</translation>
    </message>
    <message>
        <source>Run database exported to %1</source>
        <translation>运行数据库已导出到 %1</translation>
    </message>
    <message>
        <source>&amp;Export comparison as CSV…</source>
        <translation>将比较导出为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export comparison as &amp;LaTeX…</source>
        <translation>将比较导出为 LaTeX(&amp;L)…</translation>
    </message>
    <message>
        <source>Export run &amp;database copy…</source>
        <translation>导出运行数据库副本(&amp;D)…</translation>
    </message>
    <message>
        <source>Could not import the run database</source>
        <translation>无法导入运行数据库</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n experiment(s) with %1 run(s) from %2</source>
        <translation>
            <numerusform>已从 %2 导入 %n 个实验，共 %1 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;runs from another database…</source>
        <translation>从另一个数据库导入运行(&amp;R)…</translation>
    </message>
    <message>
        <source>Exporting the run database to %1 …</source>
        <translation>正在将运行数据库导出到 %1 …</translation>
    </message>
    <message>
        <source>Importing the runs of %1 …</source>
        <translation>正在导入 %1 中的运行 …</translation>
    </message>
    <message>
        <source>Running %1 — %2</source>
        <translation>正在运行 %1 — %2</translation>
    </message>
    <message>
        <source>An experiment is already running: wait for it to end or cancel it (Esc) before starting another.</source>
        <translation>已有实验正在运行：请等它结束，或先取消（Esc），再开始另一个实验。</translation>
    </message>
    <message>
        <source>&amp;Find runs</source>
        <translation>查找运行记录(&amp;F)</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>导出已取消；未写入任何文件</translation>
    </message>
    <message>
        <source>Import cancelled; the run database is as it was</source>
        <translation>导入已取消；运行数据库保持原样</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the database copy or import (Esc); nothing is left of it</source>
        <translation>停止数据库复制或导入（Esc）；不会留下任何部分结果</translation>
    </message>
    <message numerus="yes">
        <source>Moved %1 with its %n run(s) to the trash</source>
        <translation>
            <numerusform>已将 %1 及其 %n 个运行移到回收站</numerusform>
        </translation>
    </message>
    <message>
        <source>Bring %1 back (Ctrl+Z)</source>
        <translation>找回 %1（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Restored %1 from the trash</source>
        <translation>已从回收站恢复 %1</translation>
    </message>
    <message>
        <source>Could not restore %1: %2</source>
        <translation>无法恢复 %1：%2</translation>
    </message>
    <message>
        <source>&amp;Undo move to trash of %1</source>
        <translation>撤销将 %1 移到回收站(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo move to trash</source>
        <translation>撤销移到回收站(&amp;U)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Trash…</source>
        <translation>回收站(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>rd::MethodPanel</name>
    <message>
        <source>Distillation methods</source>
        <translation>蒸馏方法</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
</context>
<context>
    <name>rd::ModelPicker</name>
    <message>
        <source>A teacher trained elsewhere (a production model, a large model): its scores for each user, and optionally its user and item embeddings, read from files. Nothing is trained for it; the file formats are in the README.</source>
        <translation>在别处训练的教师（生产模型、大模型）：从文件读取它对每个用户的评分，以及可选的用户和物品嵌入。这里不为它训练任何东西；文件格式见 README。</translation>
    </message>
    <message>
        <source>External teacher (from files)</source>
        <translation>外部教师（来自文件）</translation>
    </message>
</context>
<context>
    <name>rd::ParamForm</name>
    <message>
        <source>No parameters.</source>
        <translation>没有参数。</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
</context>
<context>
    <name>rd::Presets</name>
    <message>
        <source>Quick demo</source>
        <translation>快速演示</translation>
    </message>
    <message>
        <source>MovieLens 100K: LightGCN → MF</source>
        <translation>MovieLens 100K：LightGCN → MF</translation>
    </message>
    <message>
        <source>Quick demo: LightGCN → MF on the built-in data</source>
        <translation>快速演示：在内置数据上从 LightGCN 蒸馏到 MF</translation>
    </message>
    <message>
        <source>MovieLens 100K: LightGCN (dim 128) → MF (dim 16), every method</source>
        <translation>MovieLens 100K：LightGCN（dim 128）→ MF（dim 16），全部方法</translation>
    </message>
    <message>
        <source>Quick demo: SASRec teacher</source>
        <translation>快速演示：SASRec 教师</translation>
    </message>
    <message>
        <source>Quick demo: SASRec → small SASRec on the sequential built-in data</source>
        <translation>快速演示：在内置序列数据上 SASRec → 小型 SASRec</translation>
    </message>
</context>
<context>
    <name>rd::RunsDock</name>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Read the filter as a regular expression</source>
        <translation>将筛选文本作为正则表达式</translation>
    </message>
    <message>
        <source>Experiment / run</source>
        <translation>实验 / 运行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>NDCG@10</source>
        <translation>NDCG@10</translation>
    </message>
    <message>
        <source>#%1, created %2</source>
        <translation>#%1，创建于 %2</translation>
    </message>
    <message>
        <source>
Tags: %1</source>
        <translation>
标签：%1</translation>
    </message>
    <message>
        <source>
Notes: %1</source>
        <translation>
备注：%1</translation>
    </message>
    <message>
        <source>run #%1, %2, started %3</source>
        <translation>运行 #%1，%2，开始于 %3</translation>
    </message>
    <message>
        <source>Could not read the run store: %1</source>
        <translation>无法读取运行存储：%1</translation>
    </message>
    <message>
        <source>Compare this experiment</source>
        <translation>比较此实验</translation>
    </message>
    <message>
        <source>Re-run with the same config</source>
        <translation>以相同配置重新运行</translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>Export results (CSV)…</source>
        <translation>导出结果（CSV）…</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notes on %1:</source>
        <translation>%1 的备注：</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename experiment</source>
        <translation>重命名实验</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>研究</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>实验数</translation>
    </message>
    <message>
        <source>Double-click a study to compare it: means over its seeds with their intervals and tests</source>
        <translation>双击一项研究进行比较：显示各种子上的均值及其区间和检验</translation>
    </message>
    <message>
        <source>Compare this study</source>
        <translation>比较此研究</translation>
    </message>
    <message>
        <source>Studies</source>
        <translation>研究</translation>
    </message>
    <message>
        <source>study #%1, created %2</source>
        <translation>研究 #%1，创建于 %2</translation>
    </message>
    <message>
        <source>Export model…</source>
        <translation>导出模型…</translation>
    </message>
    <message>
        <source>Filter runs… (Ctrl+F)</source>
        <translation>筛选运行…（Ctrl+F）</translation>
    </message>
    <message>
        <source>best student: %1</source>
        <translation>最佳学生：%1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Move experiment to trash</source>
        <translation>将实验移到回收站</translation>
    </message>
    <message>
        <source>Tags (one word each), separated by commas or spaces:</source>
        <translation>标签（每个一个词），以逗号或空格分隔：</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <source>Exported the results of experiment #%1 to %2</source>
        <translation>已将实验 #%1 的结果导出到 %2</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>
On an experiment&apos;s row: its best student&apos;s value.</source>
        <translation>
实验行：其最佳学生模型的值。</translation>
    </message>
    <message>
        <source>When the experiment was created (a run&apos;s row: when it started)</source>
        <translation>实验的创建时间（运行行：开始时间）</translation>
    </message>
</context>
<context>
    <name>rd::SetupTab</name>
    <message>
        <source>Teacher (large model)</source>
        <translation>教师模型（大模型）</translation>
    </message>
    <message>
        <source>Student (small model)</source>
        <translation>学生模型（小模型）</translation>
    </message>
    <message>
        <source>experiment name</source>
        <translation>实验名称</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a data file</source>
        <translation>选择数据文件</translation>
    </message>
    <message>
        <source>Training and evaluation</source>
        <translation>训练与评估</translation>
    </message>
    <message numerus="yes">
        <source>Ready: %n stage(s) will run.</source>
        <translation>
            <numerusform>就绪：将运行 %n 个阶段。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>An experiment is running</source>
        <translation>有实验正在运行</translation>
    </message>
    <message>
        <source>%1 is not a JSON object</source>
        <translation>%1 不是 JSON 对象</translation>
    </message>
    <message>
        <source>Save experiment config</source>
        <translation>保存实验配置</translation>
    </message>
    <message>
        <source>Experiment configs (*.json)</source>
        <translation>实验配置 (*.json)</translation>
    </message>
    <message>
        <source>Could not save the config</source>
        <translation>无法保存配置</translation>
    </message>
    <message>
        <source>Load experiment config</source>
        <translation>加载实验配置</translation>
    </message>
    <message>
        <source>Experiment configs (*.json);;All files (*)</source>
        <translation>实验配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not load the config</source>
        <translation>无法加载配置</translation>
    </message>
    <message>
        <source>Choose a data set</source>
        <translation>选择数据集</translation>
    </message>
    <message>
        <source>Interaction files (*.data *.dat *.csv *.tsv *.txt *.inter);;All files (*)</source>
        <translation>交互数据文件 (*.data *.dat *.csv *.tsv *.txt *.inter);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Ready: a study of %n experiment(s) will run, each of %1 stage(s).</source>
        <translation>
            <numerusform>就绪：将运行一项包含 %n 个实验的研究，每个实验 %1 个阶段。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run e&amp;xperiment</source>
        <translation>运行实验(&amp;X)</translation>
    </message>
    <message>
        <source>Load c&amp;onfig…</source>
        <translation>加载配置(&amp;O)…</translation>
    </message>
    <message>
        <source>Save confi&amp;g…</source>
        <translation>保存配置(&amp;G)…</translation>
    </message>
    <message>
        <source>%1 (dim %2)</source>
        <translation>%1（维度 %2）</translation>
    </message>
    <message>
        <source>the built-in data</source>
        <translation>内置数据</translation>
    </message>
    <message>
        <source>%1 → %2 on %3</source>
        <translation>%1 → %2，数据：%3</translation>
    </message>
    <message>
        <source>external teacher</source>
        <translation>外部教师</translation>
    </message>
    <message>
        <source>teacher: %1</source>
        <translation>教师：%1</translation>
    </message>
</context>
<context>
    <name>rd::StudyEditor</name>
    <message>
        <source>Repeat over seeds</source>
        <translation>多种子重复</translation>
    </message>
    <message>
        <source>one run; e.g. 2020, 2021, 2022</source>
        <translation>单次运行；例如 2020, 2021, 2022</translation>
    </message>
    <message>
        <source>Run the experiment once per seed (the model seeds; the data split stays the same so users pair up) and compare methods by their mean over the seeds, with intervals and paired tests</source>
        <translation>每个种子运行一次实验（改变模型种子；数据划分保持不变，以便用户配对），并用各种子上的均值、区间和配对检验来比较方法</translation>
    </message>
    <message>
        <source>S&amp;eeds:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <source>Add s&amp;weep axis</source>
        <translation>添加扫描轴(&amp;W)</translation>
    </message>
    <message>
        <source>Vary one setting over several values: every combination of the axes&apos; values is a cell, run with every seed</source>
        <translation>让一个设置取多个值：各轴取值的每种组合是一个单元，每个单元用每个种子各运行一次</translation>
    </message>
    <message>
        <source>The setting to vary</source>
        <translation>要变化的设置</translation>
    </message>
    <message>
        <source>values, e.g. 4, 8, 16</source>
        <translation>取值，例如 4, 8, 16</translation>
    </message>
    <message>
        <source>Remove this axis</source>
        <translation>删除此轴</translation>
    </message>
    <message>
        <source>Seeds: “%1” is not a whole number</source>
        <translation>种子：“%1”不是整数</translation>
    </message>
    <message>
        <source>%1: give at least one value</source>
        <translation>%1：请至少给出一个值</translation>
    </message>
    <message>
        <source>%1: “%2” is not a number</source>
        <translation>%1：“%2”不是数字</translation>
    </message>
    <message>
        <source>Vary the &amp;split too</source>
        <translation>同时改变数据划分(&amp;S)</translation>
    </message>
    <message>
        <source>Each seed also draws its own train/validation/test split. Results then vary with the data as well as the model, and users no longer pair up across seeds: the tests are unpaired (wider intervals)</source>
        <translation>每个种子也各自抽取训练/验证/测试划分。结果随数据和模型一同变化，各种子之间的用户不再一一配对：检验为非配对检验（区间更宽）</translation>
    </message>
</context>
<context>
    <name>rd::TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Moved to trash</source>
        <translation>移入回收站的时间</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Empty trash…</source>
        <translation>清空回收站(&amp;E)…</translation>
    </message>
    <message>
        <source>Could not read the trash: %1</source>
        <translation>无法读取回收站：%1</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message numerus="yes">
        <source>%n experiment(s) in the trash. Restore brings an experiment back with its runs; Empty trash deletes them for good.</source>
        <translation>
            <numerusform>回收站中有 %n 个实验。“恢复”会连同其运行一起找回实验；“清空回收站”将永久删除它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>清空回收站</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n experiment(s) in the trash with their runs, curves and results for good? This cannot be undone.</source>
        <translation>
            <numerusform>永久删除回收站中的 %n 个实验及其运行、曲线和结果？此操作无法撤销。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::UsersTab</name>
    <message>
        <source>Original user id, e.g. 196</source>
        <translation>原始用户 ID，例如 196</translation>
    </message>
    <message>
        <source>The users whose top-K lists were sampled into the run store</source>
        <translation>其前 K 推荐列表被抽样存入运行存储的用户</translation>
    </message>
    <message>
        <source>Find user:</source>
        <translation>查找用户：</translation>
    </message>
    <message>
        <source>Sampled user:</source>
        <translation>抽样用户：</translation>
    </message>
    <message>
        <source>Training history</source>
        <translation>训练历史</translation>
    </message>
    <message>
        <source>in the user&apos;s test set</source>
        <translation>在该用户的测试集中</translation>
    </message>
    <message>
        <source>also in the teacher&apos;s top K</source>
        <translation>也在教师模型的前 K 个中</translation>
    </message>
    <message>
        <source>How many ranks to show; the run store keeps each sampled list&apos;s full depth</source>
        <translation>显示多少个名次；运行存储保留每个抽样列表的完整深度</translation>
    </message>
    <message>
        <source>Top:</source>
        <translation>前：</translation>
    </message>
    <message>
        <source>item #%1</source>
        <translation>物品 #%1</translation>
    </message>
    <message>
        <source>item %1</source>
        <translation>物品 %1</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>#%1 user %2</source>
        <translation>#%1 用户 %2</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>用户 %1</translation>
    </message>
    <message>
        <source>Experiment #%1: the data set could not be rebuilt (%2); ids are shown as dense ids.</source>
        <translation>实验 #%1：无法重建数据集（%2）；ID 以连续编号显示。</translation>
    </message>
    <message>
        <source>Check finished runs in the Runs dock to see the top-K lists of their sampled users.</source>
        <translation>在“运行记录”面板中勾选已完成的运行，即可查看其抽样用户的前 K 推荐列表。</translation>
    </message>
    <message numerus="yes">
        <source>%n sampled user(s).</source>
        <translation>
            <numerusform>%n 个抽样用户。</numerusform>
        </translation>
    </message>
    <message>
        <source>No sampled user has the id %1</source>
        <translation>没有 ID 为 %1 的抽样用户</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>物品 %1</translation>
    </message>
    <message numerus="yes">
        <source>Training history of user %1 (%n item(s), %2 in the test set)</source>
        <translation>
            <numerusform>用户 %1 的训练历史（%n 个物品，%2 个在测试集中）</numerusform>
        </translation>
    </message>
    <message>
        <source>Training history: unknown (the data set could not be rebuilt)</source>
        <translation>训练历史：未知（无法重建数据集）</translation>
    </message>
    <message>
        <source>not enough memory to rebuild the data set</source>
        <translation>内存不足，无法重建数据集</translation>
    </message>
    <message numerus="yes">
        <source>%n sampled user(s). Rebuilding the data set for titles and original ids …</source>
        <translation>
            <numerusform>%n 个抽样用户。正在重建数据集以显示标题和原始 ID …</numerusform>
        </translation>
    </message>
    <message>
        <source>Training history: rebuilding the data set …</source>
        <translation>训练历史：正在重建数据集 …</translation>
    </message>
    <message numerus="yes">
        <source>Training history of user %1 in time order, oldest first (%n item(s), %2 in the test set)</source>
        <translation>
            <numerusform>用户 %1 的训练历史，按时间顺序，最早在前（%n 个物品，测试集中 %2 个）</numerusform>
        </translation>
    </message>
</context>
</TS>
