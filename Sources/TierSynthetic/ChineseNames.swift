/// Chinese personal names from short lists of common characters.
enum ChineseNames {
    /// Common surnames, most frequent first; earlier ones are drawn more often.
    static let surnames: [String] = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    ).map(String.init)

    private static let male: [String] = Array(
        "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林洋峰建国志文博晨阳东海亮成"
    ).map(String.init)

    private static let female: [String] = Array(
        "芳娜敏静丽艳娟霞秀玲桂英萍红燕琳雪婷慧莉倩颖洁佳欣怡梅兰丹蓉薇晶琴云月"
    ).map(String.init)

    // Zipf-like: the k-th surname weighs 1/(k+8), so 王 and 李 are common but the tail shows up.
    private static let surnameChoice = WeightedChoice(surnames.indices.map { ($0, 10_000 / ($0 + 8)) })

    /// A surname, as its index in ``surnames``.
    static func surname(_ random: inout SyntheticRandom) -> Int {
        surnameChoice.pick(&random)
    }

    /// A full name: the surname and a given name of one or two characters drawn
    /// from `seed` (kept as a seed so table passes that print no names build none).
    static func name(surname: Int, female isFemale: Bool, seed: UInt64) -> String {
        var random = SyntheticRandom(seed: seed)
        let list = isFemale ? female : male
        let first = random.pick(list)
        return surnames[surname] + (random.chance(0.3) ? first : first + random.pick(list))
    }
}
