/// Shanghai-style addresses and mobile numbers.
enum ShanghaiAddresses {
    /// Districts with a few real road names each.
    static let districts: [(district: String, roads: [String])] = [
        ("浦东新区", ["世纪大道", "张杨路", "浦东南路", "陆家嘴环路", "东方路", "杨高中路", "锦绣路", "川沙路", "沪南路", "金桥路"]),
        ("黄浦区", ["南京东路", "淮海中路", "西藏南路", "复兴中路", "中山南路"]),
        ("徐汇区", ["漕溪北路", "肇嘉浜路", "衡山路", "虹桥路", "龙华中路", "田林路"]),
        ("长宁区", ["延安西路", "天山路", "仙霞路", "中山西路", "娄山关路"]),
        ("静安区", ["南京西路", "延平路", "共和新路", "万荣路", "胶州路"]),
        ("普陀区", ["曹杨路", "武宁路", "真北路", "长寿路", "金沙江路"]),
        ("虹口区", ["四川北路", "曲阳路", "西江湾路", "大连路", "广中路"]),
        ("杨浦区", ["控江路", "长阳路", "五角场路", "国权路", "黄兴路"]),
        ("闵行区", ["莘庄路", "七莘路", "都市路", "沪闵路", "银都路", "虹井路"]),
        ("宝山区", ["牡丹江路", "友谊路", "共康路", "淞宝路", "宝杨路"]),
        ("松江区", ["人民北路", "荣乐中路", "文诚路", "新松江路"]),
        ("嘉定区", ["博乐路", "城中路", "塔城路", "嘉定新城路"]),
        ("青浦区", ["城中东路", "公园路", "华新路"]),
    ]

    private static let genericRoads = ["人民路", "解放路", "建设路", "中山路", "新华路"]

    /// A street address in `district`: road, lane, building and flat, drawn from `seed`.
    static func address(in district: String, seed: UInt64) -> String {
        var random = SyntheticRandom(seed: seed)
        let roads = districts.first { $0.district == district }?.roads ?? genericRoads
        let road = random.pick(roads)
        let lane = random.int(in: 1...2_000)
        let building = random.int(in: 1...40)
        let flat = random.int(in: 1...28) * 100 + random.int(in: 1...6)
        return "上海市\(district)\(road)\(lane)弄\(building)号\(flat)室"
    }

    private static let mobilePrefixes = [
        130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 153,
        155, 156, 157, 158, 159, 177, 180, 181, 186, 187, 188, 189, 199,
    ]

    /// An 11-digit mainland mobile number, as a number (it prints as its digits).
    static func mobile(_ random: inout SyntheticRandom) -> Int {
        random.pick(mobilePrefixes) * 100_000_000 + random.below(100_000_000)
    }
}
