import QTicketsFake

extension Organiser {
    /// Paid orders with a sold ticket, paid on different days, none in the last two days: the
    /// orders whose payment a test moves to another day (``DayMoveTests``, ``BackfillLookUpTests``).
    func paidOrdersOnDistinctDays(count: Int) -> [FakeOrder] {
        var days = Set<Int>()
        return Array(orders.filter { order in
            guard order.payed, order.deletedAt == nil, let payedAt = order.payedAt, payedAt < nowEpoch - 2 * 86_400,
                order.baskets.contains(where: order.isSold) else { return false }
            return days.insert(payedAt / 86_400).inserted
        }.prefix(count))
    }

    /// Three payments of `paidOrdersOnDistinctDays(count: 3)` moved at `t`: three days earlier,
    /// to a minute before `t`, and cleared. Returns the orders as they were (their old days).
    mutating func moveThreePayments(at t: Int) throws -> [FakeOrder] {
        let orders = paidOrdersOnDistinctDays(count: 3)
        guard orders.count == 3 else { return orders }
        try changePayedAt(orderID: orders[0].id, to: (orders[0].payedAt ?? 0) - 3 * 86_400, at: t)
        try changePayedAt(orderID: orders[1].id, to: t - 60, at: t)
        try changePayedAt(orderID: orders[2].id, to: nil, at: t)
        return orders
    }
}
