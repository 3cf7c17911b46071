import{u as n,a as l,h as p,b as r,j as h,A as a,g as c,c as d,k as m,m as u,i as $}from"./index-5X26hhhy.js";const e=$({reportTitle:"Coach's report",reportWeek:"Week {n}",reportPlan:"Whole plan",reportChoose:"Report on",analysis:"How it went",motivation:"From your coach",recommendations:"What to do next",strategy:"The long game",writing:"Your coach is writing the report…",noLogs:"No sessions logged for this yet: log a workout and the report follows.",back:"Back to the plan",sessions_one:"Based on {n} session",sessions_other:"Based on {n} sessions"},{reportTitle:"Отчёт тренера",reportWeek:"Неделя {n}",reportPlan:"Весь план",reportChoose:"Отчёт за",analysis:"Как прошло",motivation:"От тренера",recommendations:"Что делать дальше",strategy:"На перспективу",writing:"Тренер пишет отчёт…",noLogs:"Здесь пока нет записанных тренировок: запишите тренировку — и отчёт появится.",back:"Назад к плану",sessions_one:"По {n} тренировке",sessions_few:"По {n} тренировкам",sessions_many:"По {n} тренировкам",sessions_other:"По {n} тренировки"});class g{constructor(s,t){this.planId=s,this.week=t,this.load()}planId;week;plan=null;report=null;error=null;loading=!0;seq=0;async load(){const s=++this.seq;this.error=null,this.loading=!0,n();try{this.plan||(this.plan=(await l.getPlan(this.planId)).plan);const t=(await l.report(this.planId,this.week)).report;if(s!==this.seq)return;this.report=t}catch(t){if(p(t)||s!==this.seq)return;this.report=null,this.error=t}this.loading=!1,n()}choose(s){this.week=s,history.replaceState(null,"",`/plans/${encodeURIComponent(this.planId)}/report?week=${s}`),this.load()}section(s,t,i){return r`<section class="report-part" data-testid="report-${i}">
      <h2>${s}</h2>
      ${typeof t=="string"?t.split(/\n{2,}/).map(o=>r`<p>${o}</p>`):t}
    </section>`}render(){const s=this.plan?.weeks?.map(o=>o.weekNumber)??[],t=this.report,i=this.error instanceof h&&(this.error.status===404||this.error.status===400||this.error.status===409||this.error.status===412);return r`
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week||1}" data-nav>‹ ${e("back")}</a>
      <h1 data-testid="report-title">${e("reportTitle")}</h1>
      ${this.plan?r`<p class="lead">${this.plan.planName}</p>`:a}
      <nav class="weeks" aria-label=${e("reportChoose")}>
        ${s.map(o=>r`<button class="week-tab ${o===this.week?"on":""}" aria-current=${o===this.week?"true":"false"} @click=${()=>this.choose(o)} data-testid="report-week-${o}">
            ${e("reportWeek",{n:o})}
          </button>`)}
        <button class="week-tab ${this.week===0?"on":""}" aria-current=${this.week===0?"true":"false"} @click=${()=>this.choose(0)} data-testid="report-week-0">
          ${e("reportPlan")}
        </button>
      </nav>
      ${this.loading?c(e("writing")):i?r`<div class="card empty" data-testid="report-empty"><p>${e("noLogs")}</p></div>`:this.error?d(this.error,()=>{this.load()}):t?r`<article class="card report" data-testid="report">
                  <p class="muted small">
                    ${t.week>0?e("reportWeek",{n:t.week}):e("reportPlan")} · ${m("sessions",t.sessions??0)}${t.createTime?` · ${u(t.createTime)}`:""}
                  </p>
                  ${this.section(e("analysis"),t.analysis,"analysis")}
                  ${t.motivation?r`<blockquote class="report-quote" data-testid="report-motivation"><h2>${e("motivation")}</h2><p>${t.motivation}</p></blockquote>`:a}
                  ${(t.recommendations??[]).length?this.section(e("recommendations"),r`<ul class="report-recs">${t.recommendations.map(o=>r`<li>${o}</li>`)}</ul>`,"recommendations"):a}
                  ${t.longTermStrategy?this.section(e("strategy"),t.longTermStrategy,"strategy"):a}
                </article>`:a}
    `}}export{g as ReportView};
