/**
 * An independent reference model of one order book, for tests: plain arrays and integer prices
 * (uhyper per unit, tick 1, lot 1), written from the README's rules rather than from the keeper.
 * It tracks every trader's balances of uhyper and the token, the resting book, the trades and the
 * fee split of each block.
 */
export type ModelSide = 'buy' | 'sell';
export interface ModelOrderSpec {
  side: ModelSide;
  price?: bigint; // undefined: market order
  qty: bigint;
  tif?: 'gtc' | 'ioc' | 'fok';
  postOnly?: boolean;
  maxQuote?: bigint;
  priorityFee?: bigint;
}
interface MOrder extends Required<Omit<ModelOrderSpec, 'price' | 'maxQuote'>> {
  id: bigint;
  owner: number;
  price?: bigint;
  maxQuote: bigint;
  filled: bigint;
  escrow: bigint;
  seq: number;
}
export interface ModelTrade {
  price: bigint;
  qty: bigint;
  buyer: number;
  seller: number;
  buyerFee: bigint;
  sellerFee: bigint;
}

export class BookModel {
  uhyper: bigint[];
  tokens: bigint[];
  book: MOrder[] = [];
  queue: MOrder[] = [];
  nextId = 1n;
  seq = 0;
  trades: ModelTrade[] = [];
  burned = 0n;
  pool = 0n;
  priorityBurned = 0n;
  private blockFees = 0n;

  constructor(
    n: number,
    uhyper: bigint,
    tokens: bigint,
    readonly makerBps: bigint,
    readonly takerBps: bigint,
    readonly burnBps: bigint,
  ) {
    this.uhyper = Array(n).fill(uhyper);
    this.tokens = Array(n).fill(tokens);
  }

  private get maxFee(): bigint {
    return this.makerBps > this.takerBps ? this.makerBps : this.takerBps;
  }

  place(owner: number, s: ModelOrderSpec): bigint {
    const o: MOrder = { id: this.nextId++, owner, side: s.side, price: s.price, qty: s.qty, tif: s.tif ?? (s.price === undefined ? 'ioc' : 'gtc'), postOnly: s.postOnly ?? false, maxQuote: s.maxQuote ?? 0n, priorityFee: s.priorityFee ?? 0n, filled: 0n, escrow: 0n, seq: 0 };
    if (o.side === 'sell') {
      o.escrow = o.qty;
      this.tokens[owner] -= o.qty;
    } else {
      o.escrow = o.price === undefined ? o.maxQuote : o.price * o.qty + (o.price * o.qty * this.maxFee) / 10000n;
      this.uhyper[owner] -= o.escrow;
    }
    this.uhyper[owner] -= o.priorityFee;
    this.priorityBurned += o.priorityFee;
    this.queue.push(o);
    return o.id;
  }

  cancel(id: bigint): void {
    const q = this.queue.findIndex((o) => o.id === id);
    const o = q >= 0 ? this.queue.splice(q, 1)[0] : this.book.splice(this.book.findIndex((x) => x.id === id), 1)[0];
    this.refund(o);
  }

  private refund(o: MOrder): void {
    if (o.side === 'sell') this.tokens[o.owner] += o.escrow;
    else this.uhyper[o.owner] += o.escrow;
    o.escrow = 0n;
  }

  /** The opposite side, best first. */
  private against(side: ModelSide): MOrder[] {
    const opp = this.book.filter((o) => o.side !== side);
    return opp.sort((a, b) => (a.price! === b.price! ? a.seq - b.seq : side === 'buy' ? (a.price! < b.price! ? -1 : 1) : a.price! > b.price! ? -1 : 1));
  }

  private acceptable(o: MOrder, p: bigint): boolean {
    if (o.price === undefined) return true;
    return o.side === 'buy' ? p <= o.price : p >= o.price;
  }

  private costOf(p: bigint, q: bigint, bps: bigint): bigint {
    return p * q + (p * q * bps) / 10000n;
  }

  /** How many units a market buy can still pay for at p (with the taker fee). */
  private canPay(budget: bigint, p: bigint, upTo: bigint): bigint {
    let q = 0n;
    while (q < upTo && this.costOf(p, q + 1n, this.takerBps) <= budget) q++;
    return q;
  }

  endBlock(): ModelTrade[] {
    const before = this.trades.length;
    const queue = [...this.queue].sort((a, b) => (a.priorityFee !== b.priorityFee ? (a.priorityFee > b.priorityFee ? -1 : 1) : a.id < b.id ? -1 : 1));
    this.queue = [];
    for (const o of queue) this.take(o);
    const burn = (this.blockFees * this.burnBps) / 10000n;
    this.burned += burn;
    this.pool += this.blockFees - burn;
    this.blockFees = 0n;
    return this.trades.slice(before);
  }

  private take(o: MOrder): void {
    const rem = () => o.qty - o.filled;
    if (o.postOnly) {
      const top = this.against(o.side)[0];
      if (top && this.acceptable(o, top.price!)) return this.refund(o);
      return this.rest(o);
    }
    if (o.tif === 'fok') {
      let can = 0n;
      let budget = o.escrow;
      for (const m of this.against(o.side)) {
        if (!this.acceptable(o, m.price!) || can >= o.qty) break;
        let q = m.qty - m.filled < o.qty - can ? m.qty - m.filled : o.qty - can;
        if (o.price === undefined && o.side === 'buy') {
          q = this.canPay(budget, m.price!, q);
          budget -= this.costOf(m.price!, q, this.takerBps);
          if (q === 0n) break;
        }
        can += q;
      }
      if (can < o.qty) return this.refund(o);
    }
    for (const m of this.against(o.side)) {
      if (rem() === 0n || !this.acceptable(o, m.price!)) break;
      let q = m.qty - m.filled < rem() ? m.qty - m.filled : rem();
      if (o.price === undefined && o.side === 'buy') q = this.canPay(o.escrow, m.price!, q);
      if (q === 0n) break;
      const p = m.price!;
      const [buyer, seller] = o.side === 'buy' ? [o, m] : [m, o];
      const buyerFee = (p * q * (buyer === o ? this.takerBps : this.makerBps)) / 10000n;
      const sellerFee = (p * q * (seller === o ? this.takerBps : this.makerBps)) / 10000n;
      buyer.escrow -= p * q + buyerFee;
      seller.escrow -= q;
      this.tokens[buyer.owner] += q;
      this.uhyper[seller.owner] += p * q - sellerFee;
      this.blockFees += buyerFee + sellerFee;
      o.filled += q;
      m.filled += q;
      this.trades.push({ price: p, qty: q, buyer: buyer.owner, seller: seller.owner, buyerFee, sellerFee });
      if (m.filled === m.qty) {
        this.book.splice(this.book.indexOf(m), 1);
        this.refund(m);
      }
    }
    if (rem() === 0n) return this.refund(o);
    if (o.price !== undefined && o.tif === 'gtc') return this.rest(o);
    this.refund(o);
  }

  private rest(o: MOrder): void {
    if (o.side === 'buy') {
      const r = o.qty - o.filled;
      const need = o.price! * r + (o.price! * r * this.maxFee) / 10000n;
      this.uhyper[o.owner] += o.escrow - need;
      o.escrow = need;
    }
    o.seq = ++this.seq;
    this.book.push(o);
  }

  /** Aggregated levels, best first: [price, quantity, orders]. */
  levels(side: ModelSide): [bigint, bigint, number][] {
    const out: [bigint, bigint, number][] = [];
    for (const o of this.against(side === 'buy' ? 'sell' : 'buy')) {
      const last = out[out.length - 1];
      if (last && last[0] === o.price) {
        last[1] += o.qty - o.filled;
        last[2]++;
      } else out.push([o.price!, o.qty - o.filled, 1]);
    }
    return out;
  }

  /** Escrow the module should hold: [uhyper, tokens]. */
  escrow(): [bigint, bigint] {
    let u = 0n;
    let t = 0n;
    for (const o of [...this.book, ...this.queue]) {
      if (o.side === 'buy') u += o.escrow;
      else t += o.escrow;
    }
    return [u, t];
  }
}
