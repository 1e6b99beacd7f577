/// A small policy set exercising every part of the model, in two files.
enum PolicySetFixture {
    static let catalogue = """
        catalogue:
          - code: staff_discount
            name: {zh: 员工保费优惠, en: Staff premium discount}
            category: premium_discount
            unit_cost: 0
          - code: vip_discount
            name: {zh: VIP保费优惠, en: VIP premium discount}
            category: premium_discount
            unit_cost: 0
          - code: free_accident_cover
            name: {zh: 赠送意外险, en: Free yearly accident cover}
            category: gift
            unit_cost: 120.00
            quota: {count: 1, per: year}
          - code: health_checkup
            name: {zh: 健康体检, en: Health check-up}
            category: service
            unit_cost: 800
          - code: travel_assistance
            name: {zh: 旅行援助, en: Travel assistance}
            category: service
            unit_cost: 300
          - code: counter_priority
            name: {zh: 柜面优先, en: Counter priority}
            category: vip_basic
            unit_cost: 20
            channels: [counter]
        limits:
          premium_discount: {param: rate, cap: 0.15}
        """

    static let rules = """
        segments:
          internal: staff.is_employee || staff.is_family
          vip: tier.value != "ordinary"
          loyal_household: household.long_term_policies >= 6
        tiers:
          value:
            default: ordinary
            rows:
              - {when: "history.annual_premium >= 200000", tier: diamond}
              - {when: "history.annual_premium >= 100000", tier: platinum}
              - {when: "history.annual_premium >= 50000", tier: gold}
              - {when: "history.annual_premium >= 20000", tier: silver}
        entitlements:
          - grant: staff_discount
            when: segment.internal
            params: {rate: 0.10}
            reason: Staff and registered family
          - grant: vip_discount
            when: segment.vip
            params:
              rate: 'tier.value == "diamond" ? 0.10 : 0.08'
              note: '"VIP"'
            reason: VIP customer
          - grant: free_accident_cover
            when: segment.loyal_household
            reason: Household holds 6 or more long-term policies
          - grant: counter_priority
            when: segment.vip
            reason: VIP customer
        budgets:
          value:
            gold:
              yearly: 1000
              services:
                - {grant: health_checkup, when: "has(customer.age) && customer.age >= 40"}
                - {grant: travel_assistance}
        tasks:
          - kind: revisit
            when: has(history.last_purchase_on) && days_since(history.last_purchase_on) > 730
            key: "revisit:{customer.id}:{history.last_purchase_on}"
            due: today + 7d
            priority: 5
            payload: {last_purchase: history.last_purchase_on}
        """

    static var files: [String: String] { ["catalogue.yaml": catalogue, "rules.yaml": rules] }
}
