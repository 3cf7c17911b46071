import{u as n,a as l,h as p,b as r,j as h,A as a,g as c,c as d,k as m,m as $,i as k}from"./index-DdLuavwV.js";const t=k({reportTitle:"Coach's report",reportWeek:"Week {n}",reportPlan:"Whole plan",reportChoose:"Report on",analysis:"How it went",motivation:"From your coach",recommendations:"What to do next",strategy:"The long game",writing:"Your coach is writing the report…",noLogs:"No sessions logged for this yet: log a workout and the report follows.",back:"Back to the plan",sessions_one:"Based on {n} session",sessions_other:"Based on {n} sessions"},{reportTitle:"Отчёт тренера",reportWeek:"Неделя {n}",reportPlan:"Весь план",reportChoose:"Отчёт за",analysis:"Как прошло",motivation:"От тренера",recommendations:"Что делать дальше",strategy:"На перспективу",writing:"Тренер пишет отчёт…",noLogs:"Здесь пока нет записанных тренировок: запишите тренировку — и отчёт появится.",back:"Назад к плану",sessions_one:"По {n} тренировке",sessions_few:"По {n} тренировкам",sessions_many:"По {n} тренировкам",sessions_other:"По {n} тренировки"});class g{constructor(s,e){this.planId=s,this.week=e,this.load()}planId;week;plan=null;report=null;error=null;loading=!0;seq=0;async load(){const s=++this.seq;this.error=null,this.loading=!0,n();try{this.plan||(this.plan=(await l.getPlan(this.planId)).plan);const e=(await l.report(this.planId,this.week)).report;if(s!==this.seq)return;this.report=e}catch(e){if(p(e)||s!==this.seq)return;this.report=null,this.error=e}this.loading=!1,n()}choose(s){this.week=s,history.replaceState(null,"",`/plans/${encodeURIComponent(this.planId)}/report?week=${s}`),this.load()}section(s,e,i){return r`<section class="report-part" data-testid="report-${i}">
      <h2>${s}</h2>
      ${typeof e=="string"?e.split(/\n{2,}/).map(o=>r`<p>${o}</p>`):e}
    </section>`}render(){const s=this.plan?.weeks?.map(o=>o.weekNumber)??[],e=this.report,i=this.error instanceof h&&this.error.code==="FAILED_PRECONDITION";return r`
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week||1}" data-nav>‹ ${t("back")}</a>
      <h1 data-testid="report-title">${t("reportTitle")}</h1>
      ${this.plan?r`<p class="lead">${this.plan.planName}</p>`:a}
      <nav class="weeks" aria-label=${t("reportChoose")}>
        ${s.map(o=>r`<button class="week-tab ${o===this.week?"on":""}" aria-current=${o===this.week?"true":"false"} @click=${()=>this.choose(o)} data-testid="report-week-${o}">
            ${t("reportWeek",{n:o})}
          </button>`)}
        <button class="week-tab ${this.week===0?"on":""}" aria-current=${this.week===0?"true":"false"} @click=${()=>this.choose(0)} data-testid="report-week-0">
          ${t("reportPlan")}
        </button>
      </nav>
      ${this.loading?c(t("writing")):i?r`<div class="card empty" data-testid="report-empty"><p>${t("noLogs")}</p></div>`:this.error?d(this.error,()=>{this.load()}):e?r`<article class="card report" data-testid="report">
                  <p class="muted small">
                    ${e.week>0?t("reportWeek",{n:e.week}):t("reportPlan")} · ${m("sessions",e.sessions??0)}${e.createTime?` · ${$(e.createTime)}`:""}
                  </p>
                  ${this.section(t("analysis"),e.analysis,"analysis")}
                  ${e.motivation?r`<blockquote class="report-quote" data-testid="report-motivation"><h2>${t("motivation")}</h2><p>${e.motivation}</p></blockquote>`:a}
                  ${(e.recommendations??[]).length?this.section(t("recommendations"),r`<ul class="report-recs">${e.recommendations.map(o=>r`<li>${o}</li>`)}</ul>`,"recommendations"):a}
                  ${e.longTermStrategy?this.section(t("strategy"),e.longTermStrategy,"strategy"):a}
                </article>`:a}
    `}}export{g as ReportView};
